// The default email templates ship their HTML precompiled (emails/<name>.html), so that a
// server starts without loading MJML: each must be exactly what MJML makes of its .mjml
// today, and an .html that does not match its .mjml is never used.
// `npm run emails` (AUTHQL_UPDATE_EMAILS=1) rewrites them after a template changed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_TEMPLATES_DIR, TEMPLATE_NAMES, compileMjml, compileTemplates, precompiledHeader } from '../src/mail/templates';
import { ROOT } from './helpers/cli';

const update = process.env.AUTHQL_UPDATE_EMAILS === '1';

test.each(TEMPLATE_NAMES)('emails/%s.html is what MJML makes of its .mjml (npm run emails rewrites it)', async (name) => {
  const mjmlFile = path.join(DEFAULT_TEMPLATES_DIR, `${name}.mjml`);
  const source = readFileSync(mjmlFile, 'utf8');
  const expected = `${precompiledHeader(source)}\n${await compileMjml(source, mjmlFile)}`;
  const htmlFile = path.join(DEFAULT_TEMPLATES_DIR, `${name}.html`);
  if (update) writeFileSync(htmlFile, expected);
  expect(existsSync(htmlFile) ? readFileSync(htmlFile, 'utf8') : `${htmlFile} is missing`).toBe(expected);
});

test('compiling the default templates does not load MJML', () => {
  const script = "require('./src/mail/templates').compileTemplates().then(() => process.stdout.write(String(Object.keys(require.cache).some((file) => file.includes('/node_modules/mjml/')))))";
  expect(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' })).toBe('false');
});

test('an override whose .html was compiled from another source is compiled from its .mjml', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'authql-email-html-'));
  try {
    const source = readFileSync(path.join(DEFAULT_TEMPLATES_DIR, 'activation.mjml'), 'utf8').replace('</mj-body>', '<mj-section><mj-column><mj-text>Overridden</mj-text></mj-column></mj-section></mj-body>');
    writeFileSync(path.join(dir, 'activation.mjml'), source);
    writeFileSync(path.join(dir, 'activation.html'), readFileSync(path.join(DEFAULT_TEMPLATES_DIR, 'activation.html'), 'utf8'));
    const templates = await compileTemplates(dir);
    expect(templates.activation({ user: {}, url: 'https://example.com/x' }).html).toContain('Overridden');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
