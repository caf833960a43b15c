// Email templates: an MJML body, a text body and a subject line per email (SPEC §8).
// MJML is compiled once at startup (it blocks the event loop), unless a `.html` beside the
// `.mjml` was compiled from exactly that source (the default templates ship one), so that
// a start needs no MJML at all; each send only fills in Handlebars placeholders,
// HTML-escaped in the HTML body.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';

export const TEMPLATE_NAMES = [
  'activation',
  'confirmation',
  'password-reset',
  'password-changed',
  'username-reset',
  'username-changed',
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

/** The first line of a precompiled `.html`: it names the SHA-256 of the MJML source it came from. */
export function precompiledHeader(source: string): string {
  return `<!-- compiled by MJML from the .mjml whose SHA-256 is ${createHash('sha256').update(source).digest('hex')} -->`;
}

/** The `.html` beside the `.mjml` when it was compiled from this very source (an mj-include could have changed since). */
function precompiledHtml(mjmlFile: string, source: string): string | null {
  const htmlFile = mjmlFile.replace(/\.mjml$/, '.html');
  if (source.includes('mj-include') || !existsSync(htmlFile)) return null;
  const text = readFileSync(htmlFile, 'utf8');
  const newline = text.indexOf('\n');
  return text.slice(0, newline) === precompiledHeader(source) ? text.slice(newline + 1) : null;
}

/** MJML to HTML, strictly validated; MJML is loaded on first use only (it is large and slow to load). */
export async function compileMjml(source: string, mjmlFile: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mjml: typeof import('mjml') = require('mjml');
  const compile = (mjml as unknown as { default?: typeof mjml }).default ?? mjml;
  try {
    return (await compile(source, { validationLevel: 'strict', filePath: mjmlFile })).html;
  } catch (error) {
    const details = (error as { errors?: { formattedMessage?: string; message: string }[] }).errors;
    const message = details?.length ? details.map((e) => e.formattedMessage ?? e.message).join('; ') : (error as Error).message;
    throw new TemplateError(`authql: email template ${mjmlFile} is broken: ${message}`);
  }
}

async function compileTemplate(name: TemplateName, overrideDir: string | undefined): Promise<Render> {
  const mjmlFile = pickFile(name, 'mjml', overrideDir);
  const source = readFileSync(mjmlFile, 'utf8');
  const html = precompiledHtml(mjmlFile, source) ?? (await compileMjml(source, mjmlFile));
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
