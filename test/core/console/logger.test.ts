import { describe, expect, it } from 'vitest';
import { createRedactingLogger } from '../../../core/console/logger';

describe('createRedactingLogger', () => {
  it('writes no card number or CVC, even inside an error', () => {
    const lines: string[] = [];
    const logger = createRedactingLogger((line) => lines.push(line));
    logger.error('billing.updateCard failed for {"number":"4111 1111 1111 1111","cvc":"123"}', new Error('card 5555555555554444 declined'));
    logger.info('password=hunter2 sent');
    const text = lines.join('\n');
    expect(text).not.toMatch(/4111 ?1111 ?1111 ?1111/);
    expect(text).not.toContain('5555555555554444');
    expect(text).not.toMatch(/"cvc":"123"/);
    expect(text).not.toContain('hunter2');
    expect(lines).toHaveLength(2);
  });
});
