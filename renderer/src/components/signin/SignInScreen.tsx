import { z } from 'zod';
import type { FormEvent } from 'react';
import { useForm } from '../../lib/use-form';
import { PendingFields, TextField } from '../common/Field';

const signInSchema = z.object({
  email: z.email({ error: 'Enter your agent email address, e.g. agent@example.com.' }),
  password: z.string().min(1, { error: 'Enter your password.' }),
});

type Props = Readonly<{
  busy: boolean;
  /** The last refusal, in words (wrong password, backend unreachable, ...). */
  error: string | null;
  /** Shown when the backend cannot be reached: who may still unlock offline. */
  offlineHint: string | null;
  onSignIn: (email: string, password: string) => void;
  onOpenSettings: () => void;
}>;

const labels = { email: 'Email', password: 'Password' } as const;

export function SignInScreen({ busy, error, offlineHint, onSignIn, onOpenSettings }: Props) {
  const form = useForm(signInSchema, { email: '', password: '' });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.attempt() || busy) return;
    onSignIn(form.values.email.trim(), form.values.password);
  }

  const pending = (Object.keys(labels) as Array<keyof typeof labels>).filter((name) => form.errors[name]).map((name) => labels[name]);
  return (
    <div className="screen">
      <section className="panel signin" aria-labelledby="signin-heading">
        {/* No data-screen-heading: on this screen focus starts in the email field. */}
        <h1 id="signin-heading">Sign in</h1>
        <p className="hint">
          Sign in with your agent account. If the backend is down, an agent who signed in on this machine before can unlock with the same
          password.
        </p>
        <form onSubmit={submit} noValidate>
          <TextField
            id="signin-email"
            label={labels.email}
            type="email"
            autoComplete="username"
            required
            value={form.values.email}
            error={form.errorFor('email')}
            onChange={(value) => form.set('email', value)}
            autoFocus
          />
          <TextField
            id="signin-password"
            label={labels.password}
            type="password"
            autoComplete="current-password"
            required
            value={form.values.password}
            error={form.errorFor('password')}
            onChange={(value) => form.set('password', value)}
          />
          <div className="button-row">
            <button type="submit" disabled={busy || !form.valid}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
            <button type="button" className="secondary" onClick={onOpenSettings}>
              Backend settings
            </button>
          </div>
          <PendingFields labels={pending} />
          {error ? (
            <p role="alert" className="notice notice-error">
              {error}
            </p>
          ) : null}
          {offlineHint ? <p className="notice notice-info">{offlineHint}</p> : null}
        </form>
      </section>
    </div>
  );
}
