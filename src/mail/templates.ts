// Email templates: an MJML body, a text body and a subject line per email; any of them
// may be overridden from `email.templatesDir`.
// MJML is compiled once at startup (it blocks the event loop), or at build time for the
// defaults; each send only fills in Handlebars placeholders, HTML-escaped in the HTML body.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';

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
  'login-code',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

// The built package keeps the defaults beside its bundle, MJML already compiled to HTML;
// a checkout has only the sources in emails/.
const BUILT_TEMPLATES_DIR = path.join(__dirname, 'emails');
export const DEFAULT_TEMPLATES_DIR = existsSync(BUILT_TEMPLATES_DIR) ? BUILT_TEMPLATES_DIR : path.resolve(__dirname, '../../emails');

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

/** MJML to HTML; mjml (large and slow to load) is imported only when a template needs it. */
async function compileMjmlFile(mjmlFile: string): Promise<string> {
  const loaded = (await import('mjml')) as unknown as { default?: typeof import('mjml') } & typeof import('mjml');
  const compileMjml = loaded.default ?? loaded;
  try {
    const result = await compileMjml(readFileSync(mjmlFile, 'utf8'), { validationLevel: 'strict', filePath: mjmlFile });
    return result.html;
  } catch (error) {
    const details = (error as { errors?: { formattedMessage?: string; message: string }[] }).errors;
    const message = details?.length ? details.map((e) => e.formattedMessage ?? e.message).join('; ') : (error as Error).message;
    throw new TemplateError(`authql: email template ${mjmlFile} is broken: ${message}`);
  }
}

/** The HTML body: a host's MJML override, else the default precompiled at build time, else the default MJML. */
async function htmlBody(name: TemplateName, overrideDir: string | undefined): Promise<{ file: string; html: string }> {
  const override = overrideDir ? path.join(overrideDir, `${name}.mjml`) : null;
  if (override && existsSync(override)) return { file: override, html: await compileMjmlFile(override) };
  const precompiled = path.join(DEFAULT_TEMPLATES_DIR, `${name}.html`);
  if (existsSync(precompiled)) return { file: precompiled, html: readFileSync(precompiled, 'utf8') };
  const source = path.join(DEFAULT_TEMPLATES_DIR, `${name}.mjml`);
  return { file: source, html: await compileMjmlFile(source) };
}

async function compileTemplate(name: TemplateName, overrideDir: string | undefined): Promise<Render> {
  const { file: htmlFile, html } = await htmlBody(name, overrideDir);
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
  // A host's file is compiled now, so that a syntax error fails startup, not the first send;
  // the defaults (tested with the package) compile on their first send.
  const sample = { user: {}, siteName: '', domain: '', protocol: 'https', url: '', uid: '', token: '' };
  const parts = [
    [htmlFile, htmlTemplate],
    [pickFile(name, 'txt', overrideDir), textTemplate],
    [pickFile(name, 'subject', overrideDir), subjectTemplate],
  ] as const;
  for (const [file, template] of parts.filter(([file]) => !file.startsWith(DEFAULT_TEMPLATES_DIR + path.sep))) {
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

/** For the build: the default templates with their MJML compiled to HTML, so a server never compiles them. */
export async function precompileDefaultTemplates(sourceDir: string, outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  for (const name of TEMPLATE_NAMES) {
    writeFileSync(path.join(outDir, `${name}.html`), await compileMjmlFile(path.join(sourceDir, `${name}.mjml`)));
    for (const extension of ['txt', 'subject']) copyFileSync(path.join(sourceDir, `${name}.${extension}`), path.join(outDir, `${name}.${extension}`));
  }
}
