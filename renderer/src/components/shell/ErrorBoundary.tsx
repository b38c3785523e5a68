import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

type Props = Readonly<{ children: ReactNode; area: string }>;
type State = { error: Error | null };

/**
 * A screen that fails to draw says so, in words, instead of leaving the agent in front of
 * a blank window mid-call; the rest of the console (header, status bar, search) keeps working.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`The ${this.props.area} failed to draw`, error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <div role="alert" className="notice notice-error">
          <p>
            <strong>The {this.props.area} could not be shown.</strong> {this.state.error.message}
          </p>
          <button type="button" className="secondary" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}
