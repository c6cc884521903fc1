/**
 * One bounded queue for the server's expensive work (the budget book, large exports, imports), shared by every
 * route of a server instance. At most `concurrency` jobs run at once and at most `queue` more wait; beyond that
 * a request is refused with 503 `busy` and a `Retry-After` estimate, and one owner (a user, or a client address
 * when anonymous) holding `perOwner` jobs already gets 429 `rate-limited`. Every job gets an `AbortSignal`,
 * aborted when it runs longer than `timeoutMs` and when the last client waiting for it goes away; a waiting job
 * nobody waits for any more is dropped before it starts. A job keeps its slot until its work has really ended
 * (a book's Chromium closed), so the bound holds for processes, not only for promises.
 *
 * Identical jobs (the same `key`: the same export of the same version revision) run once and every request for
 * it shares the result (single flight). A job without a client signal runs in the background: it is not
 * cancelled by clients leaving, only by its timeout (the anonymous book render, `exports.ts`).
 */
import { availableParallelism } from 'node:os';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';

export interface JobQueueOptions {
  /** Jobs running at once (default: the processor cores less one, at least 1). */
  readonly concurrency?: number;
  /** Jobs waiting beyond the running ones (default 10). */
  readonly queue?: number;
  /** Jobs (running and waiting) one owner may hold (default 2). */
  readonly perOwner?: number;
  /** Longest run of one job in milliseconds (default 15 minutes: a city's whole book takes about ten). */
  readonly timeoutMs?: number;
}

export const DEFAULT_JOBS = {
  concurrency: (): number => Math.max(1, availableParallelism() - 1),
  queue: 10,
  perOwner: 2,
  timeoutMs: 15 * 60_000,
} as const;

export interface JobRequest<T> {
  /** German: the kind of job ("Haushaltsplan als PDF", "Import"); run times are estimated per label. */
  readonly label: string;
  /** German, for messages about this job ("Import von plan.xlsx"); the label when not given. */
  readonly name?: string;
  /** Who asked: `user:<name>`, or `addr:<ip>` when anonymous; limits how many jobs one holds. */
  readonly owner: string;
  /** Identical work shares one run: the same key, the same result (single flight). */
  readonly key?: string;
  /**
   * The client's interest: when it aborts, the client stops waiting; when no client waits any more, the job is
   * dropped (waiting) or aborted (running). Without a signal the request keeps the job alive until it ends.
   */
  readonly signal?: AbortSignal;
  /**
   * The work; it must end soon after `signal` aborts (and only then release what it holds). It may say how far
   * it is with `progress` (steps done of steps in all), which `status` reports while it runs.
   */
  readonly work: (signal: AbortSignal, progress: (done: number, total: number) => void) => Promise<T>;
}

/** Where a job stands (`JobQueue.status`): waiting behind others, or running, with its progress if it tells. */
export type JobStatus =
  | { readonly state: 'waiting'; readonly ahead: number; readonly seconds: number }
  | {
      readonly state: 'running';
      readonly done?: number;
      readonly total?: number;
      readonly seconds: number;
    };

interface Waiter {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly detach: () => void;
}

interface Job {
  readonly label: string;
  readonly name: string;
  readonly owner: string;
  readonly key: string | undefined;
  readonly work: (signal: AbortSignal, progress: (done: number, total: number) => void) => Promise<unknown>;
  readonly controller: AbortController;
  /** Steps done of steps in all, as the work last said. */
  progress?: { readonly done: number; readonly total: number };
  readonly waiters: Set<Waiter>;
  /** Someone asked without a signal: the job runs to its end whoever leaves. */
  background: boolean;
  state: 'waiting' | 'running' | 'ended';
  startedAt: number;
  timer?: NodeJS.Timeout;
}

/** The reason a job's signal carries when its time is up. */
export class JobTimeout extends ApiError {
  constructor(label: string, ms: number) {
    super(
      503,
      'timeout',
      `„${label}“ hat länger als ${minutes(ms)} gedauert und wurde abgebrochen; bitte wenden Sie sich an die ` +
        'Verwaltung des Servers.',
    );
  }
}

/** The reason a job's signal carries when every client waiting for it has gone. */
export class ClientGone extends ApiError {
  constructor() {
    super(503, 'busy', 'Die Verbindung wurde beendet; der Auftrag ist abgebrochen.');
  }
}

function minutes(ms: number): string {
  if (ms < 120_000) return `${Math.round(ms / 1000)} Sekunden`;
  return `${Math.round(ms / 60_000)} Minuten`;
}

const clamp = (s: number): number => Math.min(600, Math.max(1, Math.ceil(s)));

export class JobQueue {
  readonly concurrency: number;
  readonly queueLength: number;
  readonly perOwner: number;
  readonly timeoutMs: number;
  private readonly waiting: Job[] = [];
  private readonly running = new Set<Job>();
  private readonly byKey = new Map<string, Job>();
  private readonly owners = new Map<string, number>();
  /** Mean run time per label (exponentially weighted), for `Retry-After`. */
  private readonly meanMs = new Map<string, number>();
  private closed = false;

  constructor(options: JobQueueOptions = {}) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_JOBS.concurrency()));
    this.queueLength = Math.max(0, Math.floor(options.queue ?? DEFAULT_JOBS.queue));
    this.perOwner = Math.max(1, Math.floor(options.perOwner ?? DEFAULT_JOBS.perOwner));
    this.timeoutMs = Math.max(1, options.timeoutMs ?? DEFAULT_JOBS.timeoutMs);
  }

  /** Jobs running and waiting now. */
  get load(): { readonly running: number; readonly waiting: number } {
    return { running: this.running.size, waiting: this.waiting.length };
  }

  /**
   * Runs `request.work` when a slot is free, or joins the identical job already waiting or running. Rejects at
   * once with 503 (queue full) or 429 (owner holds too many) — both with `Retry-After` — and later with the
   * job's error, a `JobTimeout`, or the client's abort reason when it went away.
   */
  run<T>(request: JobRequest<T>): Promise<T> {
    if (request.signal?.aborted) return Promise.reject(abortReason(request.signal));
    const existing = request.key !== undefined ? this.byKey.get(request.key) : undefined;
    if (existing) return this.attach(existing, request.signal) as Promise<T>;
    let job: Job;
    try {
      job = this.admit(request);
    } catch (e) {
      return Promise.reject(asError(e));
    }
    const result = this.attach(job, request.signal) as Promise<T>;
    this.pump();
    return result;
  }

  /** Seconds until a job with this key (or a new one of this label) will likely be done. */
  retryAfter(label: string, key?: string): number {
    const mean = this.meanMs.get(label) ?? 10_000;
    const job = key !== undefined ? this.byKey.get(key) : undefined;
    if (job?.state === 'running') return clamp((mean - (performance.now() - job.startedAt)) / 1000 + 1);
    const ahead = job ? this.waiting.indexOf(job) + 1 : this.waiting.length + 1;
    return clamp((mean * (ahead / this.concurrency + 1)) / 1000);
  }

  /** Where the job with this key stands now; undefined when none waits or runs (never begun, or ended). */
  status(key: string): JobStatus | undefined {
    const job = this.byKey.get(key);
    if (job === undefined || job.state === 'ended') return undefined;
    const seconds = this.retryAfter(job.label, key);
    if (job.state === 'waiting') return { state: 'waiting', ahead: this.waiting.indexOf(job), seconds };
    const p = job.progress;
    if (p === undefined) return { state: 'running', seconds };
    // the estimate from the steps still to go, once some are done; before that the label's mean run time
    const elapsed = (performance.now() - job.startedAt) / 1000;
    const left = p.done > 0 ? Math.max(1, Math.ceil((elapsed / p.done) * (p.total - p.done))) : seconds;
    return { state: 'running', done: p.done, total: p.total, seconds: left };
  }

  /** Ends every job (server shutdown): waiting ones are dropped, running ones are aborted. */
  close(): void {
    this.closed = true;
    const stopping = (): ApiError =>
      new ApiError(503, 'busy', 'Der Server wird gerade beendet; bitte versuchen Sie es gleich noch einmal.');
    for (const job of [...this.waiting]) this.drop(job, stopping());
    for (const job of this.running) job.controller.abort(stopping());
  }

  /**
   * Throws the refusal a new job of this owner would get now (503 or 429), so that a route can refuse before it
   * reads a large upload. Admission itself happens in `run`.
   */
  admissible(label: string, owner: string): void {
    this.refuse(label, owner);
  }

  private refuse(label: string, owner: string): void {
    if (this.closed) throw this.refusal(503, label, 'Der Server wird gerade beendet.');
    const held = this.owners.get(owner) ?? 0;
    if (held >= this.perOwner)
      throw this.refusal(
        429,
        label,
        `Sie haben schon ${held === 1 ? 'einen Auftrag' : `${held} Aufträge`} in Arbeit (Haushaltsplan, ` +
          `Export oder Import); bitte warten Sie, bis ${held === 1 ? 'er' : 'einer'} fertig ist.`,
      );
    if (this.running.size >= this.concurrency && this.waiting.length >= this.queueLength)
      throw this.refusal(
        503,
        label,
        `Der Server ist ausgelastet (${this.running.size} Aufträge in Arbeit, ${this.waiting.length} ` +
          'warten); bitte versuchen Sie es später noch einmal.',
      );
  }

  private admit(request: JobRequest<unknown>): Job {
    this.refuse(request.label, request.owner);
    const held = this.owners.get(request.owner) ?? 0;
    const job: Job = {
      label: request.label,
      name: request.name ?? request.label,
      owner: request.owner,
      key: request.key,
      work: request.work,
      controller: new AbortController(),
      waiters: new Set(),
      background: false,
      state: 'waiting',
      startedAt: 0,
    };
    this.owners.set(job.owner, held + 1);
    if (job.key !== undefined) this.byKey.set(job.key, job);
    this.waiting.push(job);
    return job;
  }

  private refusal(status: 429 | 503, label: string, message: string): ApiError {
    const seconds = this.retryAfter(label);
    return new ApiError(
      status,
      status === 429 ? 'rate-limited' : 'busy',
      message,
      { retryAfter: seconds },
      { 'retry-after': String(seconds) },
    );
  }

  private attach(job: Job, signal: AbortSignal | undefined): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (!signal) {
        job.background = true;
        job.waiters.add({ resolve, reject, detach: () => undefined });
        return;
      }
      const onAbort = (): void => {
        job.waiters.delete(waiter);
        reject(abortReason(signal));
        this.abandoned(job);
      };
      const waiter: Waiter = {
        resolve,
        reject,
        detach: () => {
          signal.removeEventListener('abort', onAbort);
        },
      };
      job.waiters.add(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** A client left: with nobody else waiting, the job is dropped (waiting) or aborted (running). */
  private abandoned(job: Job): void {
    if (job.background || job.waiters.size > 0) return;
    if (job.state === 'waiting') this.drop(job);
    else if (job.state === 'running') {
      // a request that comes while the work winds down starts afresh instead of joining a dying job
      if (job.key !== undefined && this.byKey.get(job.key) === job) this.byKey.delete(job.key);
      job.controller.abort(new ClientGone());
    }
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting[0]!;
      if (job.waiters.size === 0 && !job.background) this.drop(job);
      else this.start(job);
    }
  }

  /** waiting → ended, without ever running. */
  private drop(job: Job, reason: Error = new ClientGone()): void {
    const i = this.waiting.indexOf(job);
    if (i >= 0) this.waiting.splice(i, 1);
    job.state = 'ended';
    this.settle(job, false, reason);
    this.release(job);
  }

  /** waiting → running. */
  private start(job: Job): void {
    this.waiting.splice(this.waiting.indexOf(job), 1);
    job.state = 'running';
    job.startedAt = performance.now();
    this.running.add(job);
    job.timer = setTimeout(() => {
      const timeout = new JobTimeout(job.name, this.timeoutMs);
      job.controller.abort(timeout);
      // the clients hear of it now; the slot stays taken until the work has really stopped
      this.settle(job, false, timeout);
    }, this.timeoutMs);
    let work: Promise<unknown>;
    try {
      work = job.work(job.controller.signal, (done, total) => {
        job.progress = { done, total };
      });
    } catch (e) {
      work = Promise.reject(asError(e));
    }
    work.then(
      (value) => {
        this.finished(job, true, value);
      },
      (error: unknown) => {
        this.finished(job, false, error);
      },
    );
  }

  /** running → ended: the work has returned (or thrown), so its slot is free. */
  private finished(job: Job, ok: boolean, result: unknown): void {
    clearTimeout(job.timer);
    this.running.delete(job);
    job.state = 'ended';
    if (ok) {
      const ms = performance.now() - job.startedAt;
      const mean = this.meanMs.get(job.label);
      this.meanMs.set(job.label, mean === undefined ? ms : mean * 0.7 + ms * 0.3);
    }
    const signal = job.controller.signal;
    this.settle(job, ok, ok || !signal.aborted ? result : abortReason(signal));
    this.release(job);
    this.pump();
  }

  /** Answers every waiter (value or error) and frees the key, so that a new request starts a fresh job. */
  private settle(job: Job, ok: boolean, result: unknown): void {
    for (const waiter of job.waiters) {
      waiter.detach();
      if (ok) waiter.resolve(result);
      else waiter.reject(result);
    }
    job.waiters.clear();
    if (job.key !== undefined && this.byKey.get(job.key) === job) this.byKey.delete(job.key);
  }

  private release(job: Job): void {
    const held = (this.owners.get(job.owner) ?? 1) - 1;
    if (held > 0) this.owners.set(job.owner, held);
    else this.owners.delete(job.owner);
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new ClientGone();
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/** Who a request counts against: the signed-in user, else the client's address (behind `trustProxy`). */
export function ownerOf(request: FastifyRequest): string {
  return request.actor ? `user:${request.actor.name}` : `addr:${request.ip}`;
}

/**
 * A signal that aborts when the client goes away before its answer is sent: the response's (or the socket's)
 * `close` while the response has not ended. The request's own `close` is no use here: it fires as soon as the
 * body has been read.
 */
export function clientSignal(request: FastifyRequest, reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  const res = reply.raw;
  const socket = request.raw.socket as (typeof request.raw.socket | null) | undefined;
  const onClose = (): void => {
    if (!res.writableEnded) controller.abort(new ClientGone());
    cleanup();
  };
  const cleanup = (): void => {
    res.off('close', onClose);
    res.off('finish', cleanup);
    socket?.off('close', onClose);
  };
  if (res.destroyed || socket?.destroyed) {
    controller.abort(new ClientGone());
    return controller.signal;
  }
  res.once('close', onClose);
  res.once('finish', cleanup);
  socket?.once('close', onClose);
  return controller.signal;
}
