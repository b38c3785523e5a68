// Member support portal (seed 004): M1 add staff, M2 change or deactivate, M3 sign-in help, M5 live session.
import {
  checkAddPortalUser,
  checkLiveSessionBooking,
  checkSendActivation,
  checkSendPasswordReset,
  checkUpdatePortalUser,
  describeLocalTime,
  permissionLevelLabels,
  type Customer,
  type PortalUser,
} from '../../domain';
import { checkVersion, customerOfProgram, load, must, newId, Rejection, type MutationContext, type MutationHandlers } from './context';
import { sendMessage } from './messages';

async function activationEmail(ctx: MutationContext, user: PortalUser, company: Customer) {
  return await sendMessage(ctx, {
    to: user.email,
    kind: 'portal-activation',
    customerId: company.id,
    relatedId: user.id,
    subject: 'Activate your member support portal account',
    body:
      `Hello ${user.fullName},\n\nAn account on the member support portal has been set up for you at ${company.name} ` +
      `(${permissionLevelLabels[user.level]}). Follow the link in this email to create a password and log in. ` +
      'Please never share your login with anyone.',
  });
}

export const memberHandlers: Pick<
  MutationHandlers,
  'portalUser.add' | 'portalUser.update' | 'portalUser.sendActivation' | 'portalUser.sendPasswordReset' | 'liveSession.book'
> = {
  'portalUser.add': async (args, ctx) => {
    const company = await customerOfProgram(ctx, args.customerId, 'member', 'Adding a staff portal account');
    const requester = await ctx.store.get('portalUser', args.requesterId);
    const companyUsers = await ctx.store.byOwner(company.id, 'portalUser');
    const check = must(checkAddPortalUser({ ...args, requester, companyUsers }));
    const user = await ctx.store.put('portalUser', {
      id: newId('pu'),
      customerId: company.id,
      fullName: check.fullName,
      email: check.email,
      level: check.level,
      status: 'invited',
      activated: false,
      notificationsOptOut: false,
      invitedAt: ctx.nowIso,
    });
    const message = await activationEmail(ctx, user, company);
    return { portalUserId: user.id, messageId: message.id };
  },

  'portalUser.update': async (args, ctx) => {
    const target = await load(ctx, 'portalUser', args.portalUserId);
    checkVersion('portalUser', target, args.baseVersion);
    const requester = await ctx.store.get('portalUser', args.requesterId);
    const companyUsers = await ctx.store.byOwner(target.customerId, 'portalUser');
    const change = must(checkUpdatePortalUser({ requester, target, level: args.level, status: args.status, companyUsers }));
    const record = await ctx.store.put('portalUser', { ...target, level: change.level, status: change.status });
    return { portalUserId: record.id, version: record.version };
  },

  'portalUser.sendActivation': async (args, ctx) => {
    const user = await load(ctx, 'portalUser', args.portalUserId);
    must(checkSendActivation(user));
    const company = await load(ctx, 'customer', user.customerId);
    return { messageId: (await activationEmail(ctx, user, company)).id };
  },

  'portalUser.sendPasswordReset': async (args, ctx) => {
    const user = await load(ctx, 'portalUser', args.portalUserId);
    must(checkSendPasswordReset(user));
    const message = await sendMessage(ctx, {
      to: user.email,
      kind: 'password-reset',
      customerId: user.customerId,
      relatedId: user.id,
      subject: 'Reset your member support portal password',
      body: `Hello ${user.fullName},\n\nFollow the link in this email to choose a new password for the member support portal.`,
    });
    return { messageId: message.id };
  },

  'liveSession.book': async (args, ctx) => {
    const company = await customerOfProgram(ctx, args.customerId, 'member', 'Booking a live session');
    const portalUser = await ctx.store.get('portalUser', args.portalUserId);
    const booking = must(checkLiveSessionBooking({ ...args, customer: company, portalUser, now: ctx.nowIso }));
    if (!portalUser) throw new Error('checkLiveSessionBooking accepted a missing portal user');
    const topic = args.topic.trim();
    if (topic === '')
      throw new Rejection('reason_required', 'Say what the live session is for (installation, configuration, training, ...).');
    const session = await ctx.store.put('liveSession', {
      id: newId('ls'),
      customerId: company.id,
      portalUserId: portalUser.id,
      scheduledFor: booking.scheduledFor,
      timeZone: args.timeZone,
      topic,
      ...(booking.couponCode === undefined ? {} : { couponCode: booking.couponCode }),
      pricing: booking.pricing,
      price: booking.price,
      status: 'scheduled',
      createdAt: ctx.nowIso,
    });
    const localTime = describeLocalTime(session.scheduledFor, session.timeZone);
    const message = await sendMessage(ctx, {
      to: portalUser.email,
      kind: 'live-session-confirmation',
      customerId: company.id,
      relatedId: session.id,
      subject: 'Your live session is booked',
      body: `Hello ${portalUser.fullName},\n\nYour live session "${topic}" is booked for ${localTime}. ${booking.message}`,
    });
    return { liveSessionId: session.id, messageId: message.id, pricing: booking.pricing, price: booking.price, localTime };
  },
};
