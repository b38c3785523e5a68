import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import log from 'electron-log/node';
import type { LogMessage, Transport } from 'electron-log';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configureLogging } from '../../electron/logging';

/** Test card (Luhn-valid, never a real account). */
const cardNumber = '4242424242424242';
const cvc = '737';

/** What `billing.updateCard` carries (SPEC §5), as a handler would log it on the way to the backend. */
const billingUpdate = {
  mutation: 'billing.updateCard',
  customerId: 'cus_81',
  card: { number: cardNumber, expMonth: 4, expYear: 2031, cvc, holderName: 'Dana Ortiz', postalCode: '94107' },
};

let folder: string;
let logFile: string;
let written: string[];
let logger: ReturnType<typeof configureLogging>;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'electron-log-'));
  logFile = join(folder, 'main.log');
  written = [];
  const instance = log.create({ logId: `billing-${Math.random()}` });
  logger = configureLogging(instance, { file: logFile, appName: 'Support Console', consoleLevel: false });
  // A transport that keeps the finished lines, as any transport added later would get them.
  const capture = Object.assign((message: LogMessage) => written.push(message.data.map(String).join(' ')), {
    level: 'info' as const,
    transforms: [],
  }) satisfies Transport;
  instance.transports.capture = capture;
});

afterEach(() => rmSync(folder, { recursive: true, force: true }));

function everythingLogged(): string {
  return `${written.join('\n')}\n${readFileSync(logFile, 'utf8')}`;
}

describe('logging during a billing update', () => {
  it('writes the line, but never the card number or the CVC, to the file or any transport', () => {
    logger.info(`Sending ${JSON.stringify(billingUpdate)}`);
    logger.warn(`Backend offline; card ${cardNumber} not sent, CVC ${cvc} dropped`);
    const all = everythingLogged();
    expect(all).toContain('billing.updateCard');
    expect(all).toContain('"number":"[redacted]"');
    expect(all).toContain('card [card ending 4242] not sent');
    expect(all.replace(/[ -]/g, '')).not.toContain(cardNumber);
    // Not a bare "737": a timestamp's milliseconds may hold those digits.
    expect(all).not.toMatch(new RegExp(`cvc\\W{0,4}${cvc}`, 'i'));
  });

  it('redacts objects logged as they are, not only strings', () => {
    const instance = log.create({ logId: `objects-${Math.random()}` });
    configureLogging(instance, { file: logFile, appName: 'Support Console', consoleLevel: false });
    instance.info('billing.updateCard input', billingUpdate);
    const all = readFileSync(logFile, 'utf8');
    expect(all).toContain('Dana Ortiz');
    expect(all).not.toContain(cardNumber);
    expect(all).not.toContain(`'${cvc}'`);
  });

  it('redacts an error whose message quotes the card', () => {
    logger.error('Console call billing.updateCard failed', new Error(`Backend refused card 4242 4242 4242 4242 cvc=${cvc}`));
    const all = everythingLogged();
    expect(all).toContain('Console call billing.updateCard failed');
    expect(all.replace(/[ -]/g, '')).not.toContain(cardNumber);
    expect(all).not.toContain(`cvc=${cvc}`);
  });

  it('masks a card number split across two logged values', () => {
    const instance = log.create({ logId: `split-${Math.random()}` });
    configureLogging(instance, { file: logFile, appName: 'Support Console', consoleLevel: false });
    instance.info('card 4242 4242', '4242 4242');
    expect(readFileSync(logFile, 'utf8').replace(/[ -]/g, '')).not.toContain(cardNumber);
  });
});
