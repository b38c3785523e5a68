// Member support portal procedures M1–M5 (seed 004). The article is a page of rules and
// a permission matrix rather than click-steps; the procedures apply its sentences where
// the caller's request meets them. The matrix itself is data in core/domain (capabilities).
import { rolesFor } from '../../domain';
import { seedFiles } from '../traceability/article-steps';
import type { Procedure } from '../format';
import { all, arm, bothModes, consent, doIt, doItOnly, fromCustomer, guide } from './helpers';

const seed = seedFiles.member;
const matrixRows = [
  'portal-access', 'create-tickets', 'request-staff-accounts', 'see-all-tickets', 'training-newsletters', 'update-notices',
  'schedule-live-sessions', 'order-paid-services', 'license-information', 'order-licenses', 'download-links', 'license-keys',
].map((id) => `004.levels.${id}`);

const requesterStep = {
  id: 'requester', kind: 'choose', as: 'requesterId', from: 'requesters', multiple: false,
  title: 'Who is asking',
  text: 'Members with Primary or Manager permission levels may send a request to add staff and set permission levels. Please ensure account is ACTIVATED.',
  talk: ['May I have your name, so I can check that your portal account may request staff accounts?'],
  covers: ['004.accounts.2', '004.levels.intro', '004.levels.request-staff-accounts'],
} as const;

const M1: Procedure = {
  code: 'M1',
  program: 'member',
  title: 'Add a staff portal account',
  summary: 'On the request of an activated Primary or Manager: full name, email, permission level.',
  source: { seed, heading: 'Staff portal accounts' },
  roles: rolesFor('M1'),
  // "Members ... may send a request to add staff": members cannot add staff in the portal
  // themselves, so there is nothing to guide them through; support adds the account.
  modes: doItOnly,
  entryPoints: [fromCustomer],
  warnings: 'memberCompany',
  steps: [
    {
      id: 'all-staff', kind: 'say', title: 'Every staff member gets an account',
      text: 'All staff should have an account into the member support portal. There is no additional cost for online portal accounts.',
      talk: ['Every member of your staff should have their own portal account, and there is no additional cost for online portal accounts.'],
      covers: ['004.accounts.1'],
    },
    requesterStep,
    {
      // "(to Manager level)" in the Manager column: a Manager grants up to Manager, a Primary any level.
      id: 'new-user', kind: 'input', title: 'New staff member',
      text: 'Provide the full name, email address and permission level.',
      talk: ['What is the full name and email address of the new staff member, and which permission level should they have?'],
      fields: [
        { name: 'fullName', label: 'Full name', type: 'text', required: true },
        { name: 'email', label: 'Email address', type: 'email', required: true },
        { name: 'level', label: 'Permission level', type: 'select', options: 'grantableLevels', required: true },
      ],
      validate: 'newPortalUser',
      covers: ['004.accounts.2', '004.levels.request-staff-accounts'],
    },
    {
      id: 'review', kind: 'review', title: 'Read it back',
      text: 'Read the new account back. If the company has only one Primary, recommend a second: "We recommend that your company have more than one Primary portal member."',
      compute: 'newPortalUserReview',
      covers: ['004.accounts.5'],
    },
    consent('Shall I add {review.confirms} now?'),
    {
      id: 'add', kind: 'act', title: 'Add',
      text: 'They\'ll be added and sent an activation email to create a password to login online.',
      button: 'Add staff account', mutations: ['portalUser.add'], build: 'addPortalUser',
      covers: ['004.accounts.3'],
      when: doIt,
    },
    {
      id: 'result', kind: 'result', title: 'Tell the caller',
      text: 'The new member is invited: they create their password from the activation email.',
      talk: ['Staff members should never share logins.'],
      compute: 'portalUserAdded',
      covers: ['004.accounts.3'],
    },
  ],
};

const M2: Procedure = {
  code: 'M2',
  program: 'member',
  title: "Change a staff member's level or deactivate them",
  summary: 'Same requester rules as adding staff; the last Primary cannot be removed.',
  source: { seed, heading: 'Staff portal accounts' },
  roles: rolesFor('M2'),
  // Like M1, a change members request from support (the portal has no self-service for it).
  modes: doItOnly,
  entryPoints: [fromCustomer],
  warnings: 'memberCompany',
  steps: [
    requesterStep,
    {
      id: 'staff-member', kind: 'choose', as: 'portalUserId', from: 'portalUsersToChange', multiple: false,
      title: 'Staff member',
      text: 'Which staff member\'s account changes? Only a Primary can change a Primary.',
      covers: ['004.levels.request-staff-accounts'],
    },
    {
      id: 'change', kind: 'branch', as: 'change', decide: { by: 'answer' },
      title: 'Level or deactivate',
      text: 'Change the permission level, or deactivate the account?',
      arms: [{ id: 'level', label: 'Change the permission level' }, { id: 'deactivate', label: 'Deactivate the account' }],
      covers: ['004.levels.request-staff-accounts'],
    },
    {
      id: 'level', kind: 'input', when: arm('change', 'level'), title: 'New level',
      text: 'Set the permission level (a Manager may grant up to Manager; a Primary any level).',
      fields: [{ name: 'level', label: 'Permission level', type: 'select', options: 'grantableLevels', required: true }],
      validate: 'levelChange',
      covers: ['004.levels.request-staff-accounts'],
    },
    {
      id: 'review', kind: 'review', title: 'What changes',
      text: 'Read back what changes. The company\'s only Primary cannot be demoted or deactivated: "We recommend that your company have more than one Primary portal member."',
      compute: 'portalUserChangeReview',
      covers: ['004.accounts.5'],
    },
    consent('Shall I {review.confirms} now?'),
    {
      id: 'save', kind: 'act', when: doIt, title: 'Save',
      text: 'The console changes the staff member\'s account.',
      button: 'Save', mutations: ['portalUser.update'], build: 'updatePortalUser',
      covers: [],
    },
    { id: 'result', kind: 'result', title: 'Done', text: 'Say what changed.', compute: 'portalUserUpdated', covers: [] },
  ],
};

const activation = arm('help', 'activation');
const reset = arm('help', 'reset');

const M3: Procedure = {
  code: 'M3',
  program: 'member',
  title: 'Sign-in and password help',
  summary: 'Never activated: resend the activation email. Activated: send a password reset.',
  source: { seed, heading: 'Staff portal accounts' },
  roles: rolesFor('M3'),
  // The one thing members can do alone (forgot password) cannot help an account without a
  // password; support sends the right email, so there is nothing to guide.
  modes: doItOnly,
  entryPoints: [fromCustomer],
  warnings: 'memberCompany',
  steps: [
    {
      id: 'account', kind: 'choose', as: 'portalUserId', from: 'portalUsersForHelp', multiple: false,
      title: 'Whose account',
      text: 'Find the caller\'s portal account.',
      covers: ['004.accounts.4'],
    },
    {
      id: 'help', kind: 'branch', as: 'help', decide: { by: 'data', decider: 'signInHelp' },
      title: 'Activation or password reset',
      text: 'The forgot password will not work if a password has not been created: a never-activated account gets the activation email again; an activated one a password reset.',
      arms: [{ id: 'activation', label: 'Resend the activation email' }, { id: 'reset', label: 'Send a password reset' }],
      covers: ['004.accounts.4'],
    },
    {
      id: 'explain-activation', kind: 'say', when: activation, title: 'Why not forgot-password',
      text: 'An email with a password request will be sent. Without a password you are unable to access Installation and Update documents or your Profile page with your discount codes for free or discounted live sessions.',
      talk: ['Your account was never activated, so the forgot-password link cannot work yet. I will resend the activation email so you can create your password.'],
      covers: ['004.accounts.4'],
    },
    {
      id: 'explain-reset', kind: 'say', when: reset, title: 'Password reset',
      text: 'The account is activated: send a password reset.',
      talk: ['I will send you a password reset email now.'],
      covers: ['004.accounts.4'],
    },
    {
      id: 'send-activation', kind: 'act', when: all(doIt, activation), title: 'Resend activation',
      text: 'Resend the activation email.',
      button: 'Resend activation email', mutations: ['portalUser.sendActivation'], build: 'sendActivation',
      covers: ['004.accounts.3', '004.accounts.4'],
    },
    {
      id: 'send-reset', kind: 'act', when: all(doIt, reset), title: 'Send reset',
      text: 'Send a password reset email.',
      button: 'Send password reset', mutations: ['portalUser.sendPasswordReset'], build: 'sendPasswordReset',
      covers: ['004.accounts.4'],
    },
    { id: 'result', kind: 'result', title: 'Email sent', text: 'Say which email went out and to which address.', compute: 'signInHelpSent', covers: [] },
  ],
};

const M4: Procedure = {
  code: 'M4',
  program: 'member',
  title: 'What may this caller do?',
  summary: 'The permission matrix answers for the caller\'s level, with its notes. The lookup is audited.',
  source: { seed, heading: 'Permission Levels' },
  roles: rolesFor('M4'),
  // A lookup: nothing changes and there is nothing for the caller to click, so one mode.
  modes: doItOnly,
  entryPoints: [fromCustomer],
  warnings: 'memberCompany',
  steps: [
    {
      id: 'caller', kind: 'choose', as: 'callerId', from: 'callers', multiple: false,
      title: 'Who is calling',
      text: 'Find the caller\'s portal account: its permission level decides. Please ensure account is ACTIVATED.',
      covers: ['004.levels.intro'],
    },
    {
      id: 'capability', kind: 'choose', as: 'capabilityId', from: 'capabilities', multiple: false,
      title: 'What they want to do',
      text: 'Pick the row of the permission matrix the caller asks about.',
      covers: matrixRows,
    },
    {
      id: 'answer', kind: 'review', title: 'The answer',
      text: 'Read the answer and its notes (upon request, limited, footnotes).',
      compute: 'capabilityAnswer',
      covers: [...matrixRows, '004.notes.tickets', '004.notes.opt-out', '004.notes.live-sessions'],
    },
    {
      id: 'record', kind: 'act', title: 'Record the lookup',
      text: 'Nothing changes on the account; the lookup itself is recorded for audit.',
      button: 'Record lookup', mutations: ['audit.record'], build: 'recordCapabilityLookup',
      covers: [],
    },
    { id: 'result', kind: 'result', title: 'Tell the caller', text: 'Tell the caller the answer.', compute: 'capabilityResult', covers: [] },
  ],
};

const M5: Procedure = {
  code: 'M5',
  program: 'member',
  title: 'Book a live session',
  summary: 'The booker needs a portal account; free within the initial support period, a coupon code after it for a discounted session.',
  source: { seed, heading: 'Footnotes' },
  roles: rolesFor('M5'),
  modes: bothModes,
  entryPoints: [fromCustomer],
  warnings: 'memberCompany',
  steps: [
    {
      id: 'booker', kind: 'choose', as: 'portalUserId', from: 'liveSessionBookers', multiple: false,
      title: 'Who is booking',
      text: 'Person booking a live session must have a portal account.',
      covers: ['004.notes.live-sessions', '004.levels.schedule-live-sessions'],
    },
    {
      id: 'guide-book', kind: 'check', when: guide, title: 'Book in the portal',
      text: 'They schedule the live session in the portal, entering the coupon code from their Profile page to receive a free or discounted session.',
      verify: { predicate: 'liveSessionBooked', auto: 'guide' },
      covers: ['004.notes.live-sessions', '004.accounts.4'],
    },
    {
      // "available for free to companies within the initial support period": free there,
      // coupon or not; after it the coupon code gives the catalogue's discounted price (the domain's reading).
      id: 'session', kind: 'input', when: doIt, title: 'Session details',
      text: 'Live sessions are for installation, configuration and training. Take the preferred time (the customer\'s local time, within support hours), the topic and the coupon code from their Profile page.',
      fields: [
        { name: 'scheduledFor', label: 'Preferred time (customer\'s local time)', type: 'localDateTime', required: true, help: 'Support hours: Monday to Friday, 8:00 a.m. to 8:00 p.m. in the customer\'s time zone.' },
        { name: 'timeZone', label: 'Customer\'s time zone', type: 'timeZone', required: true },
        { name: 'topic', label: 'Topic', type: 'text', required: true, help: 'Installation, configuration or training.' },
        { name: 'couponCode', label: 'Coupon code (optional)', type: 'text', required: false, help: 'From the portal Profile page. Within the initial support period the session is free anyway; after it the code gives a discounted session.' },
      ],
      prefill: 'liveSessionZone',
      validate: 'liveSessionBooking',
      covers: ['004.notes.live-sessions'],
    },
    { id: 'review', kind: 'review', when: doIt, title: 'Time and price', text: 'Read back the time and what it costs.', compute: 'liveSessionReview', covers: ['004.notes.live-sessions'] },
    consent('Shall I book {review.confirms} now?'),
    {
      id: 'book', kind: 'act', when: doIt, title: 'Book',
      text: 'Book the session; the booker gets a confirmation.',
      button: 'Book session', mutations: ['liveSession.book'], build: 'bookLiveSession',
      covers: ['004.notes.live-sessions'],
    },
    { id: 'result', kind: 'result', title: 'Tell the caller', text: 'Say when the session is and what it costs.', compute: 'liveSessionResult', covers: [] },
  ],
};

export const memberProcedures: readonly Procedure[] = [M1, M2, M3, M4, M5];
