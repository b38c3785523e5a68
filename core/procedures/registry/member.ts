// Named functions of the member support portal procedures M1–M5 (seed 004).
import {
  capabilities,
  checkAddPortalUser,
  checkLiveSessionBooking,
  checkRequester,
  checkUpdatePortalUser,
  describeLocalTime,
  formatMoney,
  grantableLevels,
  liveSessionPricingLabels,
  mayDo,
  memberCompanyWarnings,
  permissionLevelLabels,
  permissionLevels,
  signInHelpFor,
} from '../../domain';
import type { Money, PermissionLevel, PortalUser } from '../../domain';
import { mutationResultSchemas } from '../../protocol';
import { fieldErrorsOf } from './common';
import { spokenTime } from './spoken';
import { localToInstant } from './time';
import type {
  Builder,
  ChoiceSource,
  Computation,
  Decider,
  FieldOptionsSource,
  Option,
  Predicate,
  Prefill,
  Reason,
  ResultLines,
  Scope,
  Validator,
  Warnings,
} from './types';
import { blocked, firstId, reasonOf, text } from './types';

function users(scope: Scope): PortalUser[] {
  return scope.data.portalUsers.filter((u) => u.customerId === scope.customer.id);
}

function user(scope: Scope, name: string): PortalUser | undefined {
  const id = firstId(scope, name);
  return scope.data.portalUsers.find((u) => u.id === id);
}

function userOption(u: PortalUser, disabled?: Reason): Option {
  const state = u.status === 'invited' ? 'invited, not activated' : u.status;
  return {
    id: u.id,
    label: u.fullName,
    detail: `${permissionLevelLabels[u.level]}, ${u.email}, ${state}`,
    ...(disabled ? { disabled } : {}),
  };
}

function addInput(scope: Scope) {
  return {
    requester: user(scope, 'requesterId'),
    customerId: scope.customer.id,
    fullName: text(scope, 'fullName') ?? '',
    email: text(scope, 'email') ?? '',
    level: text(scope, 'level') ?? '',
    companyUsers: users(scope),
  };
}

function updateInput(scope: Scope) {
  const target = user(scope, 'portalUserId');
  const change = text(scope, 'change');
  return target
    ? {
        requester: user(scope, 'requesterId'),
        target,
        ...(change === 'level' ? { level: text(scope, 'level') ?? '' } : { status: 'deactivated' as const }),
        companyUsers: users(scope),
      }
    : undefined;
}

function bookingInput(scope: Scope) {
  const timeZone = text(scope, 'timeZone') ?? scope.customer.timeZone;
  return {
    customer: scope.customer,
    portalUser: user(scope, 'portalUserId'),
    scheduledFor: localToInstant(text(scope, 'scheduledFor'), timeZone) ?? '',
    timeZone,
    couponCode: text(scope, 'couponCode'),
    now: scope.now,
  };
}

export const predicates = {
  liveSessionBooked: (scope) => {
    const before = new Set(scope.baseline.liveSessions.map((s) => s.id));
    return scope.data.liveSessions.some((s) => !before.has(s.id) && s.status === 'scheduled');
  },
} satisfies Record<string, Predicate>;

export const deciders = {
  /** M3: "The forgot password will not work if a password has not been created." */
  signInHelp: (scope) => {
    const target = user(scope, 'portalUserId');
    if (!target) return { code: 'record_not_found', message: 'Choose the portal account first.' };
    const help = signInHelpFor(target);
    if (!help.ok) return reasonOf(help);
    return { arm: help.action === 'send-activation' ? 'activation' : 'reset' };
  },
} satisfies Record<string, Decider>;

export const choices = {
  /** "Members with Primary or Manager permission levels may send a request to add staff." "Please ensure account is ACTIVATED." */
  requesters: {
    options: (scope) =>
      users(scope).map((u) => {
        const check = checkRequester(u, scope.customer.id);
        return userOption(u, check.ok ? undefined : reasonOf(check));
      }),
  },
  /** M2's target. A Manager cannot change a Primary: refused here, with the reason. */
  portalUsersToChange: {
    options: (scope) => {
      const requester = user(scope, 'requesterId');
      return users(scope).map((u) => {
        if (u.status === 'deactivated')
          return userOption(u, { code: 'portal_user_deactivated', message: `${u.fullName}'s account is already deactivated.` });
        if (u.level === 'primary' && requester?.level !== 'primary') {
          return userOption(u, {
            code: 'cannot_change_primary',
            message: `${u.fullName} is Primary/Owner. Only a Primary/Owner can change or deactivate a Primary/Owner account.`,
          });
        }
        return userOption(u);
      });
    },
  },
  portalUsersForHelp: {
    options: (scope) =>
      users(scope).map((u) => {
        const help = signInHelpFor(u);
        return userOption(u, help.ok ? undefined : reasonOf(help));
      }),
  },
  /** M4: whose level the matrix is read for. Any account: an unactivated one is answered with a note. */
  callers: { options: (scope) => users(scope).map((u) => userOption(u)) },
  capabilities: {
    options: () => capabilities.map((c) => ({ id: c.id, label: c.label })),
  },
  /** M5: "Person booking a live session must have a portal account." */
  liveSessionBookers: {
    options: (scope) =>
      users(scope).map((u) => {
        if (u.status === 'deactivated')
          return userOption(u, {
            code: 'portal_account_required',
            message: `${u.fullName}'s portal account is deactivated. The person booking a live session must have a portal account.`,
          });
        if (!u.activated)
          return userOption(u, {
            code: 'portal_account_not_activated',
            message: `${u.fullName}'s portal account is not activated yet. Resend the activation email first; the coupon code is on the Profile page.`,
          });
        return userOption(u);
      }),
  },
} satisfies Record<string, ChoiceSource>;

export const fieldOptions = {
  /** "A Manager may grant up to Manager; a Primary any level": the others are shown, refused, with the reason. */
  grantableLevels: (scope) => {
    const requester = user(scope, 'requesterId');
    const allowed = requester ? grantableLevels(requester.level) : [];
    return permissionLevels.map((level: PermissionLevel) => ({
      value: level,
      label: permissionLevelLabels[level],
      ...(allowed.includes(level)
        ? {}
        : {
            disabled: {
              code: 'level_not_grantable',
              message: requester
                ? `A ${permissionLevelLabels[requester.level]} cannot grant ${permissionLevelLabels[level]}. A Manager/Supervisor may grant levels up to Manager/Supervisor; only a Primary/Owner may grant Primary/Owner.`
                : 'Choose who is calling first.',
            },
          }),
    }));
  },
} satisfies Record<string, FieldOptionsSource>;

export const prefills = {
  liveSessionZone: (scope) => ({ timeZone: scope.customer.timeZone }),
} satisfies Record<string, Prefill>;

export const validators = {
  newPortalUser: (scope) => {
    const check = checkAddPortalUser(addInput(scope));
    return check.ok ? {} : fieldErrorsOf(check, { requesterId: 'level' });
  },
  levelChange: (scope) => {
    const input = updateInput(scope);
    if (!input) return { error: { code: 'record_not_found', message: 'Choose the staff member first.' } };
    const check = checkUpdatePortalUser(input);
    return check.ok ? {} : fieldErrorsOf(check, { portalUserId: 'level' });
  },
  liveSessionBooking: (scope) => {
    const input = bookingInput(scope);
    if (input.scheduledFor === '' && text(scope, 'scheduledFor') !== undefined) {
      return { fieldErrors: { scheduledFor: { code: 'scheduled_time_invalid', message: 'Choose a date and time.' } } };
    }
    if (!text(scope, 'topic'))
      return {
        fieldErrors: {
          topic: { code: 'reason_required', message: 'Say what the session is for (installation, configuration, training, ...).' },
        },
      };
    const check = checkLiveSessionBooking(input);
    return check.ok ? {} : fieldErrorsOf(check);
  },
} satisfies Record<string, Validator>;

export const computations = {
  newPortalUserReview: (scope) => {
    const check = checkAddPortalUser(addInput(scope));
    if (!check.ok) return blocked(reasonOf(check));
    const requester = user(scope, 'requesterId');
    return {
      lines: [
        { label: 'Requested by', value: requester ? `${requester.fullName} (${permissionLevelLabels[requester.level]})` : '' },
        { label: 'Full name', value: check.fullName },
        { label: 'Email', value: check.email },
        { label: 'Permission level', value: permissionLevelLabels[check.level], emphasis: true },
      ],
      notes: ['There is no additional cost for online portal accounts.'],
      confirms: `${check.fullName} (${check.email}) as ${permissionLevelLabels[check.level]}`,
    };
  },
  portalUserChangeReview: (scope) => {
    const input = updateInput(scope);
    if (!input) return blocked({ code: 'record_not_found', message: 'Choose the staff member first.' });
    const check = checkUpdatePortalUser(input);
    if (!check.ok) return blocked(reasonOf(check));
    return {
      lines: [
        { label: 'Staff member', value: `${input.target.fullName} (${input.target.email})` },
        ...(check.changedFields.includes('level')
          ? [
              {
                label: 'Permission level',
                value: `${permissionLevelLabels[input.target.level]} → ${permissionLevelLabels[check.level]}`,
                emphasis: true,
              },
            ]
          : []),
        ...(check.changedFields.includes('status')
          ? [{ label: 'Account', value: `${input.target.status} → ${check.status}`, emphasis: true }]
          : []),
      ],
      notes: [check.message],
      confirms: check.changedFields.includes('status')
        ? `${check.status === 'deactivated' ? 'deactivate' : 'reactivate'} ${input.target.fullName}'s portal account`
        : `change ${input.target.fullName}'s permission level to ${permissionLevelLabels[check.level]}`,
    };
  },
  capabilityAnswer: (scope) => {
    const caller = user(scope, 'callerId');
    const capabilityId = firstId(scope, 'capabilityId');
    if (!caller || !capabilityId) return blocked({ code: 'capability_unknown', message: 'Choose the caller and what they want to do.' });
    const answer = mayDo(caller.level, capabilityId);
    if (!answer.ok) return blocked(reasonOf(answer));
    return {
      lines: [{ label: answer.capability.label, value: answer.message, emphasis: true }],
      notes: [
        ...answer.notes,
        ...(caller.activated && caller.status === 'active'
          ? []
          : [`${caller.fullName}'s account is not ACTIVATED (${caller.status}): the permission levels apply to activated accounts only.`]),
      ],
    };
  },
  liveSessionReview: (scope) => {
    const check = checkLiveSessionBooking(bookingInput(scope));
    if (!check.ok) return blocked(reasonOf(check));
    const booker = user(scope, 'portalUserId');
    return {
      lines: [
        { label: 'Booked by', value: booker?.fullName ?? '' },
        { label: 'When', value: describeLocalTime(check.scheduledFor, bookingInput(scope).timeZone) },
        { label: 'Topic', value: text(scope, 'topic') ?? '' },
        // Seed 004: free within the initial support period; any price after it is the catalogue's.
        {
          label: 'Price',
          value:
            check.pricing === 'free'
              ? 'Free (within the initial support period)'
              : `${formatMoney(check.price)} (${liveSessionPricingLabels[check.pricing]})`,
          emphasis: true,
        },
      ],
      confirms: `the live session on ${spokenTime(check.scheduledFor, bookingInput(scope).timeZone, scope.now)}, ${check.pricing === 'free' ? 'free' : formatMoney(check.price)}`,
    };
  },
} satisfies Record<string, Computation>;

export const builders = {
  addPortalUser: (scope) => {
    const input = addInput(scope);
    const check = checkAddPortalUser(input);
    if (!check.ok || !input.requester)
      return blocked(check.ok ? { code: 'requester_not_found', message: 'Choose who is calling.' } : reasonOf(check));
    return [
      {
        key: 'user',
        mutation: {
          name: 'portalUser.add',
          args: {
            customerId: scope.customer.id,
            requesterId: input.requester.id,
            fullName: check.fullName,
            email: check.email,
            level: check.level,
          },
        },
      },
    ];
  },
  updatePortalUser: (scope) => {
    const input = updateInput(scope);
    if (!input || !input.requester) return blocked({ code: 'record_not_found', message: 'Choose the caller and the staff member.' });
    const check = checkUpdatePortalUser(input);
    if (!check.ok) return blocked(reasonOf(check));
    return [
      {
        key: 'user',
        mutation: {
          name: 'portalUser.update',
          args: {
            portalUserId: input.target.id,
            baseVersion: input.target.version,
            requesterId: input.requester.id,
            ...(check.changedFields.includes('level') ? { level: check.level } : {}),
            ...(check.changedFields.includes('status') ? { status: 'deactivated' as const } : {}),
          },
        },
      },
    ];
  },
  sendActivation: (scope) => {
    const target = user(scope, 'portalUserId');
    if (!target) return blocked({ code: 'record_not_found', message: 'Choose the portal account first.' });
    return [{ key: 'email', mutation: { name: 'portalUser.sendActivation', args: { portalUserId: target.id } } }];
  },
  sendPasswordReset: (scope) => {
    const target = user(scope, 'portalUserId');
    if (!target) return blocked({ code: 'record_not_found', message: 'Choose the portal account first.' });
    return [{ key: 'email', mutation: { name: 'portalUser.sendPasswordReset', args: { portalUserId: target.id } } }];
  },
  /** M4 changes nothing; the lookup itself is audited (SPEC §7). */
  recordCapabilityLookup: (scope) => {
    const caller = user(scope, 'callerId');
    const capabilityId = firstId(scope, 'capabilityId');
    const answer = caller && capabilityId ? mayDo(caller.level, capabilityId) : undefined;
    if (!caller || !answer?.ok) return blocked({ code: 'capability_unknown', message: 'Choose the caller and what they want to do.' });
    return [
      {
        key: 'lookup',
        mutation: {
          name: 'audit.record',
          args: {
            id: `${scope.runId}:lookup`,
            at: scope.now,
            agentId: scope.agent.id,
            kind: 'capability-lookup',
            customerId: scope.customer.id,
            procedure: 'M4',
            runId: scope.runId,
            details: { portalUserId: caller.id, level: caller.level, capabilityId: answer.capability.id, answer: answer.answer },
          },
        },
      },
    ];
  },
  bookLiveSession: (scope) => {
    const input = bookingInput(scope);
    const check = checkLiveSessionBooking(input);
    if (!check.ok || !input.portalUser)
      return blocked(check.ok ? { code: 'portal_account_required', message: 'Choose who is booking.' } : reasonOf(check));
    return [
      {
        key: 'session',
        mutation: {
          name: 'liveSession.book',
          args: {
            customerId: scope.customer.id,
            portalUserId: input.portalUser.id,
            scheduledFor: check.scheduledFor,
            timeZone: input.timeZone,
            topic: text(scope, 'topic') ?? '',
            ...(check.couponCode ? { couponCode: check.couponCode } : {}),
          },
        },
      },
    ];
  },
} satisfies Record<string, Builder>;

export const results = {
  portalUserAdded: (scope) => {
    const name = text(scope, 'fullName') ?? 'The staff member';
    return { lines: [`${name} is added and sent an activation email to create a password to login online.`] };
  },
  portalUserUpdated: (scope) => {
    const input = updateInput(scope);
    const check = input
      ? checkUpdatePortalUser({ ...input, target: scope.baseline.portalUsers.find((u) => u.id === input.target.id) ?? input.target })
      : undefined;
    return { lines: [check?.ok ? check.message : 'The portal account is updated.'] };
  },
  signInHelpSent: (scope) => {
    const target = user(scope, 'portalUserId');
    const email = target?.email ?? 'the account email';
    return {
      lines: [
        text(scope, 'help') === 'activation'
          ? `The activation email is sent to ${email}. The link in it lets them create a password; after that they can sign in.`
          : `A password reset email is sent to ${email}.`,
      ],
    };
  },
  capabilityResult: (scope) => {
    const caller = user(scope, 'callerId');
    const capabilityId = firstId(scope, 'capabilityId');
    const answer = caller && capabilityId ? mayDo(caller.level, capabilityId) : undefined;
    return { lines: answer?.ok ? [answer.message, ...answer.notes] : [] };
  },
  liveSessionResult: (scope, outcomes) => {
    const applied = mutationResultSchemas['liveSession.book'].safeParse(outcomes.session?.result);
    const input = bookingInput(scope);
    const zone = input.timeZone ?? scope.customer.timeZone;
    const price = (pricing: string, amount: Money) => (pricing === 'free' ? 'free' : formatMoney(amount));
    const before = new Set(scope.baseline.liveSessions.map((s) => s.id));
    const booked = scope.data.liveSessions.find((s) => !before.has(s.id));
    if (applied.success && input.scheduledFor) {
      return {
        lines: [
          `Your live session is booked for ${spokenTime(input.scheduledFor, zone, scope.now)} (${price(applied.data.pricing, applied.data.price)}).`,
          'You will get a confirmation, like a callback confirmation.',
        ],
      };
    }
    if (booked)
      return {
        lines: [
          `Your live session is booked for ${spokenTime(booked.scheduledFor, booked.timeZone, scope.now)} (${price(booked.pricing, booked.price)}).`,
        ],
      };
    return {
      lines: [
        input.scheduledFor
          ? `Your live session is requested for ${spokenTime(input.scheduledFor, zone, scope.now)}.`
          : 'Your live session is requested.',
      ],
    };
  },
} satisfies Record<string, ResultLines>;

export const warnings = {
  /** Seed 004: one Primary only (recommend a second); notifications opted out with nobody else receiving them. */
  memberCompany: (scope) => memberCompanyWarnings(users(scope)).map((w) => ({ code: w.code, message: w.message })),
} satisfies Record<string, Warnings>;
