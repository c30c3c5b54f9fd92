import type { FastifyBaseLogger } from 'fastify';

/** A check or an import running for a batch in this server process, and how far it has got. */
export interface Job {
  task: 'check' | 'import';
  rowsRead: number;
  /** Rows in the file when known (from the last check), for the progress bar. */
  rowsTotal: number | null;
  finished: boolean;
  /** Why it stopped early, for the user. */
  failure: string | null;
}

/**
 * The checks and imports running in this process, by batch. A long file is read after the request
 * that started it has been answered; its page follows the progress here. Nothing here needs to
 * survive a restart: an import is one transaction, so a process that dies leaves nothing behind and
 * the batch is still a draft that can be imported again.
 */
export class Jobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly log: FastifyBaseLogger) {}

  get(batchId: string): Job | undefined {
    return this.jobs.get(batchId);
  }

  running(batchId: string): boolean {
    const job = this.jobs.get(batchId);
    return job !== undefined && !job.finished;
  }

  /** Starts `work` for the batch unless something is already running for it. */
  start(batchId: string, props: { task: Job['task']; rowsTotal: number | null; work: (onProgress: (rowsRead: number) => void) => Promise<unknown>; describe: (error: unknown) => string | null }): void {
    if (this.running(batchId)) return;
    const job: Job = { task: props.task, rowsRead: 0, rowsTotal: props.rowsTotal, finished: false, failure: null };
    this.jobs.set(batchId, job);
    props
      .work((rowsRead) => {
        job.rowsRead = rowsRead;
      })
      .catch((error: unknown) => {
        job.failure = props.describe(error);
        if (job.failure === null) {
          job.failure = 'Something went wrong: nothing was imported. Try again, and if it happens again, contact the service team.';
          // The error's kind only: a database message can quote the row's values, which are personal data.
          this.log.error({ batchId, error: error instanceof Error ? error.name : typeof error, code: (error as { code?: string } | null)?.code }, 'import job failed');
        }
      })
      .finally(() => {
        job.finished = true;
      });
  }
}
