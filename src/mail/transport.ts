// Where emails go: an SMTP URL, any nodemailer transport, or the development console.
import type { Transporter } from 'nodemailer';
import type { Logger } from '../config';
import { onFirstUse } from '../on-first-use';

export interface MailTransport {
  send(message: { from: string; to: string; subject: string; html: string; text: string; messageId: string }): Promise<void>;
  readonly isConsole: boolean;
  close(): void;
}

export function createTransport(option: string | Record<string, unknown> | undefined, logger: Logger): MailTransport {
  if (option === undefined) return consoleTransport(logger);
  if (typeof option === 'object' && typeof (option as { sendMail?: unknown }).sendMail === 'function') {
    const given = option as unknown as Transporter;
    return { isConsole: false, send: async (message) => void (await given.sendMail(message)), close: () => given.close?.() };
  }
  // nodemailer is loaded when the first email goes out, not when the server starts.
  let created: Transporter | undefined;
  const transporter = onFirstUse(async () => {
    const { default: nodemailer } = await import('nodemailer');
    return (created = nodemailer.createTransport(option as Parameters<typeof nodemailer.createTransport>[0]));
  });
  return {
    isConsole: false,
    async send(message) {
      await (await transporter()).sendMail(message);
    },
    close: () => created?.close(),
  };
}

function consoleTransport(logger: Logger): MailTransport {
  return {
    isConsole: true,
    async send(message) {
      // Development only: the link in the text body is what a developer needs to click.
      const rule = '-'.repeat(72);
      process.stdout.write(`\n${rule}\n[authql] email to ${message.to}\nSubject: ${message.subject}\n\n${message.text.trim()}\n${rule}\n\n`);
      logger.info('email printed to the console (set SMTP_URL to send it)', { to: message.to });
    },
    close: () => undefined,
  };
}
