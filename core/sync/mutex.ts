/** Runs async sections one at a time, in the order they asked. */
export type Mutex = <T>(section: () => Promise<T> | T) => Promise<T>;

export function createMutex(): Mutex {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(section: () => Promise<T> | T) => {
    const run = tail.then(section, section);
    tail = run.catch(() => undefined);
    return run;
  };
}
