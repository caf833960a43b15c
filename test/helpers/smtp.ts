// A real SMTP server (smtp-server) whose received emails are parsed with mailparser.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface ReceivedEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  parsed: ParsedMail;
}

export interface TestSmtpServer {
  port: number;
  url: string;
  received: ReceivedEmail[];
  /** How many messages began their DATA phase (counted before any reply delay). */
  dataStarted: number;
  /** How many messages arrived whole and wait for the server's answer (the reply delay). */
  awaitingReply: number;
  /** Waits (polling, with a deadline) until an email matching the predicate arrived. */
  waitForEmail(predicate: (email: ReceivedEmail) => boolean, timeoutMs?: number): Promise<ReceivedEmail>;
  /** Emails to one address, in order of arrival. */
  emailsTo(address: string): ReceivedEmail[];
  close(): Promise<void>;
}

export async function startSmtpServer(
  port = 0,
  /** replyDelayMs: how long the server waits before accepting a message (a slow SMTP server). */
  options: { replyDelayMs?: number } = {},
): Promise<TestSmtpServer> {
  const received: ReceivedEmail[] = [];
  const counters = { dataStarted: 0, awaitingReply: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      counters.dataStarted += 1;
      simpleParser(stream)
        .then(async (parsed) => {
          counters.awaitingReply += 1;
          if (options.replyDelayMs) await new Promise((r) => setTimeout(r, options.replyDelayMs));
          counters.awaitingReply -= 1;
          const recipients = session.envelope.rcptTo.map((r) => r.address);
          for (const to of recipients) {
            received.push({
              to: to.toLowerCase(),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
              parsed,
            });
          }
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    received,
    get dataStarted() {
      return counters.dataStarted;
    },
    get awaitingReply() {
      return counters.awaitingReply;
    },
    async waitForEmail(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching email within ${timeoutMs} ms (received: ${received.map((e) => `${e.to}: ${e.subject}`).join(', ') || 'none'})`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    emailsTo: (address) => received.filter((e) => e.to === address.toLowerCase()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
