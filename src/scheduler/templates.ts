import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLBuilder } from 'fast-xml-parser';

import { PACKAGE_ROOT } from '../package-root.js';

/** tasks/ of this package: the files setup-task fills in. */
export const TEMPLATE_DIR = join(PACKAGE_ROOT ?? '.', 'tasks');

export type TemplateName = 'windows-task.xml' | 'ddns.service' | 'ddns.timer' | 'ddns.cron' | 'ddns.plist';

async function seaAsset(name: string): Promise<string | undefined> {
  try {
    const sea = await import('node:sea');
    if (!sea.isSea()) return undefined;
    return sea.getAsset(`tasks/${name}`, 'utf8');
  } catch {
    return undefined;
  }
}

/** A template's text: from tasks/ beside the package, or from the assets of a packaged executable. */
export async function loadTemplate(name: TemplateName): Promise<string> {
  const embedded = await seaAsset(name);
  if (embedded !== undefined) return embedded;
  return readFile(join(TEMPLATE_DIR, name), 'utf8');
}

/**
 * Replaces every `{{key}}` with `encode(values[key])`. A placeholder without a value, or a value
 * without a placeholder, is a bug in the caller and throws rather than installing half a task.
 */
export function fillTemplate(template: string, values: Record<string, string>, encode: (value: string) => string = (value) => value): string {
  const used = new Set<string>();
  const filled = template.replace(/\{\{(\w+)\}\}/g, (_whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`template placeholder {{${key}}} has no value`);
    used.add(key);
    return encode(value);
  });
  const unused = Object.keys(values).filter((key) => !used.has(key));
  if (unused.length > 0) throw new Error(`template has no placeholder for ${unused.join(', ')}`);
  return filled;
}

const textBuilder = new XMLBuilder({ processEntities: true });

/**
 * Escapes text for an XML element (`&`, `<`, `>`, `"`, `'`) with fast-xml-parser's builder, the
 * library the project uses for XML, instead of a hand-written replace chain.
 * Characters XML 1.0 cannot carry at all (most control characters) are refused.
 */
export function escapeXmlText(value: string): string {
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(value)) {
    throw new Error(`cannot put a control character into XML: ${JSON.stringify(value)}`);
  }
  const element = textBuilder.build({ v: value }) as string;
  if (!element.startsWith('<v>') || !element.endsWith('</v>')) throw new Error(`unexpected XML builder output: ${element}`);
  return element.slice('<v>'.length, -'</v>'.length);
}
