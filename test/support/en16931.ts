import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sharedDataDir } from './shared-data.js';

const saxonJar = '/usr/share/java/Saxon-HE.jar';
export const en16931UblRules = sharedDataDir ? path.join(sharedDataDir, 'validation/en16931__EN16931-UBL-validation.xslt') : '';
export const validatorAvailable = (): boolean => {
  const available = existsSync(saxonJar) && en16931UblRules !== '' && existsSync(en16931UblRules);
  if (!available) console.info('EN 16931 validation skipped: needs Saxon-HE (apt-get install libsaxonhe-java) and ../shared/data/validation');
  return available;
};

/**
 * Runs the official EN 16931 UBL validation (compiled Schematron, XSLT 2.0) over many documents in one JVM start and
 * returns, per document, the ids of the fatal failed assertions (empty when it passes).
 */
export async function fatalRuleFailures(documents: Record<string, string>): Promise<Record<string, string[]>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cashloop-ubl-'));
  const input = path.join(dir, 'in');
  const output = path.join(dir, 'out');
  try {
    await import('node:fs/promises').then((fs) => Promise.all([fs.mkdir(input), fs.mkdir(output)]));
    for (const [name, xml] of Object.entries(documents)) await writeFile(path.join(input, `${name}.xml`), xml);
    await promisify(execFile)('java', ['-cp', saxonJar, 'net.sf.saxon.Transform', `-s:${input}`, `-xsl:${en16931UblRules}`, `-o:${output}`], { maxBuffer: 64 * 1024 * 1024 });
    const result: Record<string, string[]> = {};
    for (const file of await readdir(output)) {
      const svrl = await readFile(path.join(output, file), 'utf8');
      const failures = [...svrl.matchAll(/<svrl:failed-assert\b[^>]*>/g)]
        .map((m) => m[0])
        .filter((tag) => /flag="fatal"/.test(tag))
        .map((tag) => /id="([^"]+)"/.exec(tag)?.[1] ?? 'unknown');
      result[file.replace(/\.xml$/, '')] = failures;
    }
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
