// Email templates: an MJML body, a text body and a subject line per email (SPEC §8).
// MJML is compiled once at startup (it blocks the event loop); each send only fills in
// Handlebars placeholders, HTML-escaped in the HTML body.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import mjml from 'mjml';

export const TEMPLATE_NAMES = [
  'activation',
  'confirmation',
  'password-reset',
  'password-changed',
  'username-reset',
  'username-changed',
  'email-change',
  'email-change-notice',
  'security-notice',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export const DEFAULT_TEMPLATES_DIR = path.resolve(__dirname, '../../emails');

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

type Render = (context: Record<string, unknown>) => RenderedEmail;

export class TemplateError extends Error {
  name = 'TemplateError';
}

function pickFile(name: string, extension: string, overrideDir: string | undefined): string {
  const override = overrideDir ? path.join(overrideDir, `${name}.${extension}`) : null;
  return override && existsSync(override) ? override : path.join(DEFAULT_TEMPLATES_DIR, `${name}.${extension}`);
}

async function compileTemplate(name: TemplateName, overrideDir: string | undefined): Promise<Render> {
  const mjmlFile = pickFile(name, 'mjml', overrideDir);
  const compileMjml = (mjml as unknown as { default?: typeof mjml }).default ?? mjml;
  let html: string;
  try {
    const result = await compileMjml(readFileSync(mjmlFile, 'utf8'), { validationLevel: 'strict', filePath: mjmlFile });
    html = result.html;
  } catch (error) {
    const details = (error as { errors?: { formattedMessage?: string; message: string }[] }).errors;
    const message = details?.length ? details.map((e) => e.formattedMessage ?? e.message).join('; ') : (error as Error).message;
    throw new TemplateError(`authql: email template ${mjmlFile} is broken: ${message}`);
  }
  const compileText = (extension: string) => {
    const file = pickFile(name, extension, overrideDir);
    try {
      return Handlebars.compile(readFileSync(file, 'utf8'), { noEscape: true, strict: false });
    } catch (error) {
      throw new TemplateError(`authql: email template ${file} is broken: ${(error as Error).message}`);
    }
  };
  const htmlTemplate = Handlebars.compile(html);
  const textTemplate = compileText('txt');
  const subjectTemplate = compileText('subject');
  // Precompile now so that a syntax error fails startup, not the first send.
  const sample = { user: {}, siteName: '', domain: '', protocol: 'https', url: '', uid: '', token: '' };
  for (const [file, template] of [[mjmlFile, htmlTemplate], [pickFile(name, 'txt', overrideDir), textTemplate], [pickFile(name, 'subject', overrideDir), subjectTemplate]] as const) {
    try {
      template(sample);
    } catch (error) {
      throw new TemplateError(`authql: email template ${file} is broken: ${(error as Error).message}`);
    }
  }
  return (context) => ({
    subject: subjectTemplate(context).replace(/\s+/g, ' ').trim(),
    html: htmlTemplate(context),
    text: textTemplate(context),
  });
}

export type Templates = Record<TemplateName, Render>;

export async function compileTemplates(overrideDir?: string): Promise<Templates> {
  const entries = [];
  for (const name of TEMPLATE_NAMES) entries.push([name, await compileTemplate(name, overrideDir)] as const);
  return Object.fromEntries(entries) as Templates;
}
