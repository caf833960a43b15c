// Liveness and readiness, as an orchestrator asks for them: alive is "the process answers";
// ready is "the database answers a ping within 1 s and, where this instance delivers mail,
// the outbox worker runs". An instance that is shutting down is not ready.

/** How long the database may take to answer the readiness ping. */
export const READY_PING_TIMEOUT_MS = 1000;

export interface ReadinessReport {
  ready: boolean;
  checks: { database: 'up' | 'down'; mailWorker?: 'running' | 'stopped'; shutdown?: 'in progress' };
}

export interface Readiness {
  check(): Promise<ReadinessReport>;
  /** From now on the instance answers "not ready", so traffic drains away before it stops. */
  markClosing(): void;
}

export function createReadiness(options: {
  ping: () => Promise<void>;
  /** Whether the outbox worker runs; null when this instance does not deliver mail. */
  mailWorkerRunning: (() => boolean) | null;
}): Readiness {
  let closing = false;
  const databaseAnswers = async (): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), READY_PING_TIMEOUT_MS);
    });
    const ping = options.ping().then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    markClosing() {
      closing = true;
    },
    async check() {
      const database = (await databaseAnswers()) ? 'up' : 'down';
      const checks: ReadinessReport['checks'] = { database };
      if (options.mailWorkerRunning) checks.mailWorker = options.mailWorkerRunning() ? 'running' : 'stopped';
      if (closing) checks.shutdown = 'in progress';
      return { ready: database === 'up' && checks.mailWorker !== 'stopped' && !closing, checks };
    },
  };
}
