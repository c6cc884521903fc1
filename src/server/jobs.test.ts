import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { ClientGone, JobQueue, JobTimeout } from './jobs.js';

/** A promise to settle from outside. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

/** Work that waits for `release` or its signal, whichever comes first; counts how many run at once. */
function gate() {
  const state = { active: 0, max: 0, started: 0 };
  const release = deferred();
  const work = async (signal: AbortSignal): Promise<string> => {
    state.active++;
    state.started++;
    state.max = Math.max(state.max, state.active);
    try {
      await Promise.race([
        release.promise,
        new Promise((_, reject) => {
          signal.addEventListener('abort', () => {
            reject(signal.reason as Error);
          });
        }),
      ]);
      return 'fertig';
    } finally {
      state.active--;
    }
  };
  return { state, release, work };
}

describe('JobQueue', () => {
  it('never runs more jobs at once than its concurrency', async () => {
    const queue = new JobQueue({ concurrency: 2, queue: 20, perOwner: 100 });
    const state = { active: 0, max: 0 };
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        queue.run({
          label: 'Test',
          owner: `o${i}`,
          work: async () => {
            state.active++;
            state.max = Math.max(state.max, state.active);
            await new Promise((r) => setTimeout(r, 5 + (i % 3) * 5));
            state.active--;
            return i;
          },
        }),
      ),
    );
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(state.max).toBe(2);
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses beyond the queue with 503 and beyond one owner’s share with 429, both with Retry-After', async () => {
    const queue = new JobQueue({ concurrency: 1, queue: 2, perOwner: 2 });
    const g = gate();
    const accepted = ['a', 'b', 'c'].map((owner) => queue.run({ label: 'Buch', owner, work: g.work }));
    const full = await queue.run({ label: 'Buch', owner: 'd', work: g.work }).catch((e: unknown) => e);
    expect(full).toBeInstanceOf(ApiError);
    const busy = full as ApiError;
    expect(busy.status).toBe(503);
    expect(busy.code).toBe('busy');
    expect(busy.message).toMatch(/ausgelastet/);
    expect(Number(busy.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    g.release.resolve();
    expect(await Promise.all(accepted)).toEqual(['fertig', 'fertig', 'fertig']);
    expect(g.state.max).toBe(1);

    // room in the queue, but one owner holds two jobs already
    const roomy = new JobQueue({ concurrency: 1, queue: 10, perOwner: 2 });
    const h = gate();
    const mine = [roomy.run({ label: 'Buch', owner: 'a', work: h.work })];
    mine.push(roomy.run({ label: 'Buch', owner: 'a', work: h.work }));
    const tooMany = await roomy.run({ label: 'Buch', owner: 'a', work: h.work }).catch((e: unknown) => e);
    expect((tooMany as ApiError).status).toBe(429);
    expect((tooMany as ApiError).code).toBe('rate-limited');
    expect(Number((tooMany as ApiError).headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // another owner still gets in
    mine.push(roomy.run({ label: 'Buch', owner: 'b', work: h.work }));
    h.release.resolve();
    expect(await Promise.all(mine)).toEqual(['fertig', 'fertig', 'fertig']);
    // and once they are done, the owner may ask again
    expect(await roomy.run({ label: 'Buch', owner: 'a', work: () => Promise.resolve('wieder') })).toBe(
      'wieder',
    );
  });

  it('aborts a job at its timeout, answers the client at once and keeps the slot until the work has ended', async () => {
    const queue = new JobQueue({ concurrency: 1, queue: 5, timeoutMs: 50 });
    const stopped = deferred();
    let sawAbort: unknown;
    const slow = queue.run({
      label: 'Haushaltsplan als PDF',
      owner: 'a',
      work: async (signal) => {
        await new Promise((resolve) => {
          signal.addEventListener('abort', resolve);
        });
        sawAbort = signal.reason;
        await stopped.promise; // e.g. Chromium closing
        throw signal.reason as Error;
      },
    });
    let nextStarted = false;
    const next = queue.run({
      label: 'Test',
      owner: 'b',
      work: () => {
        nextStarted = true;
        return Promise.resolve('danach');
      },
    });
    const error = await slow.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobTimeout);
    expect((error as ApiError).status).toBe(503);
    expect((error as ApiError).code).toBe('timeout');
    expect((error as ApiError).message).toMatch(/„Haushaltsplan als PDF“ hat länger als 0 Sekunden gedauert/);
    expect(sawAbort).toBe(error);
    await tick();
    expect(nextStarted).toBe(false);
    expect(queue.load.running).toBe(1);
    stopped.resolve();
    expect(await next).toBe('danach');
    expect(nextStarted).toBe(true);
  });

  it('drops a waiting job whose client left before it started, and aborts a running one', async () => {
    const queue = new JobQueue({ concurrency: 1, queue: 5 });
    const g = gate();
    const first = new AbortController();
    const running = queue.run({ label: 'Test', owner: 'a', work: g.work, signal: first.signal });
    let waitingRan = false;
    const second = new AbortController();
    const waiting = queue.run({
      label: 'Test',
      owner: 'b',
      signal: second.signal,
      work: () => {
        waitingRan = true;
        return Promise.resolve('nie');
      },
    });
    expect(queue.load).toEqual({ running: 1, waiting: 1 });
    second.abort(new ClientGone());
    await expect(waiting).rejects.toBeInstanceOf(ClientGone);
    expect(queue.load).toEqual({ running: 1, waiting: 0 });

    first.abort(new ClientGone());
    await expect(running).rejects.toBeInstanceOf(ClientGone);
    await tick();
    expect(g.state.active).toBe(0); // the work saw its signal and stopped
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
    expect(waitingRan).toBe(false);
    // an already aborted client never enqueues
    await expect(
      queue.run({ label: 'Test', owner: 'c', signal: second.signal, work: g.work }),
    ).rejects.toBeInstanceOf(ClientGone);
    expect(g.state.started).toBe(1);
  });

  it('runs identical jobs once (single flight) and stops only when the last client has gone', async () => {
    const queue = new JobQueue({ concurrency: 2, queue: 5, perOwner: 1 });
    const g = gate();
    const a = new AbortController();
    const b = new AbortController();
    const first = queue.run({ label: 'Buch', owner: 'x', key: 'buch|1|3', work: g.work, signal: a.signal });
    // another owner's identical request joins; even the same owner may join (no new work)
    const second = queue.run({ label: 'Buch', owner: 'y', key: 'buch|1|3', work: g.work, signal: b.signal });
    const third = queue.run({ label: 'Buch', owner: 'x', key: 'buch|1|3', work: g.work });
    await tick();
    expect(g.state.started).toBe(1);
    a.abort(new ClientGone());
    await expect(first).rejects.toBeInstanceOf(ClientGone);
    b.abort(new ClientGone());
    await expect(second).rejects.toBeInstanceOf(ClientGone);
    await tick();
    expect(g.state.active).toBe(1); // the third request came without a signal: it keeps the job alive
    g.release.resolve();
    expect(await third).toBe('fertig');
    expect(g.state.started).toBe(1);

    // when every client leaves, the shared job is aborted
    const h = gate();
    const c = new AbortController();
    const d = new AbortController();
    const r1 = queue
      .run({ label: 'Buch', owner: 'x', key: 'buch|2|1', work: h.work, signal: c.signal })
      .catch((e: unknown) => e);
    const r2 = queue
      .run({ label: 'Buch', owner: 'y', key: 'buch|2|1', work: h.work, signal: d.signal })
      .catch((e: unknown) => e);
    await tick();
    c.abort(new ClientGone());
    await tick();
    expect(h.state.active).toBe(1);
    d.abort(new ClientGone());
    expect(await r1).toBeInstanceOf(ClientGone);
    expect(await r2).toBeInstanceOf(ClientGone);
    await tick();
    expect(h.state.active).toBe(0);
    expect(h.state.started).toBe(1);
    // a new request after that starts a fresh job
    const again = queue.run({
      label: 'Buch',
      owner: 'y',
      key: 'buch|2|1',
      work: () => Promise.resolve('neu'),
    });
    expect(await again).toBe('neu');
  });
});

describe('a job says how far it is', () => {
  it('waiting with the jobs ahead, running with the steps its work reported, nothing once ended', async () => {
    const jobs = new JobQueue({ concurrency: 1, queue: 5 });
    const first = deferred();
    const second = deferred();
    let report: ((done: number, total: number) => void) | undefined;
    const a = jobs.run({
      label: 'Buch',
      owner: 'a',
      key: 'a',
      work: async (_signal, progress) => {
        report = progress;
        await first.promise;
        return 'a';
      },
    });
    const b = jobs.run({ label: 'Buch', owner: 'b', key: 'b', work: () => second.promise.then(() => 'b') });
    await tick();
    expect(jobs.status('a')).toMatchObject({ state: 'running' });
    expect(jobs.status('a')).not.toHaveProperty('done');
    expect(jobs.status('b')).toMatchObject({ state: 'waiting', ahead: 0 });
    report!(3, 12);
    const running = jobs.status('a');
    expect(running).toMatchObject({ state: 'running', done: 3, total: 12 });
    expect(running!.seconds).toBeGreaterThanOrEqual(1);
    expect(jobs.status('nobody')).toBeUndefined();
    first.resolve();
    expect(await a).toBe('a');
    expect(jobs.status('a')).toBeUndefined();
    expect(jobs.status('b')).toMatchObject({ state: 'running' });
    second.resolve();
    expect(await b).toBe('b');
    expect(jobs.status('b')).toBeUndefined();
  });
});
