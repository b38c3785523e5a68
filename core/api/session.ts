import { z } from 'zod';
import { defineCall } from './define';

export type SignedInAgent = Readonly<{
  id: string;
  name: string;
  email: string;
  role: 'agent' | 'supervisor';
}>;

export type ConsoleSession = Readonly<{
  agent: SignedInAgent;
  /** `offline`: unlocked with the password checked on this machine; sync waits for an online sign-in. */
  via: 'online' | 'offline';
  signedInAt: string;
}>;

export const sessionCalls = {
  'auth.login': defineCall<ConsoleSession>()(
    z
      .object({
        email: z.string().trim().min(1, 'Enter your email.').max(320),
        password: z.string().min(1, 'Enter your password.').max(1000),
      })
      .strict(),
    'Sign in to the backend (or, offline, unlock with a password checked on this machine before).',
  ),
  'auth.logout': defineCall<Readonly<{ signedOut: true }>>()(z.object({}).strict(), 'Sign out; queued changes stay for the next sign-in.'),
  'auth.session': defineCall<Readonly<{ session: ConsoleSession | null }>>()(
    z.object({}).strict(),
    'Who is signed in (session null: nobody).',
  ),
} as const;
