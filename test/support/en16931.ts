import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { sharedDataDir } from './shared-data.js';

/**
 * The official e-invoice rules, compiled Schematron (XSLT 2.0), run by Saxon-HE:
 * - EN 16931 UBL: ConnectingEurope's validation artefacts 1.3.16.
 * - Peppol BIS Billing 3.0 (2026.5, as phive-rules redistributes it): the PEPPOL file together with its CEN companion,
 *   because the PEPPOL file alone does not check the EN 16931 arithmetic (see ../shared/data/SOURCES.md).
 */
const saxonJar = '/usr/share/java/Saxon-HE.jar';
const validationFile = (name: string) => (sharedDataDir ? path.join(sharedDataDir, 'validation', name) : '');
export const en16931UblRules = validationFile('en16931__EN16931-UBL-validation.xslt');
export const peppolCenCompanionRules = validationFile('phive-rules__CEN-EN16931-UBL.xslt');
export const peppolUblRules = validationFile('phive-rules__PEPPOL-EN16931-UBL.xslt');
const ruleFiles = [en16931UblRules, peppolCenCompanionRules, peppolUblRules];

export const validatorAvailable = (): boolean => {
  const available = existsSync(saxonJar) && ruleFiles.every((file) => file !== '' && existsSync(file));
  if (!available) console.info('EN 16931 / Peppol validation skipped: needs Saxon-HE (apt-get install libsaxonhe-java) and ../shared/data/validation');
  return available;
};

/** One `svrl:failed-assert` of a rule file: its rule id, `fatal` or `warning`, where and what. */
export interface RuleFailure {
  id: string;
  flag: string;
  location: string;
  text: string;
}

export interface RuleSetOutcome {
  /** Ids of the fatal failed assertions, each once, sorted: the document passes when this is empty. */
  fatal: string[];
  /** Ids of the warnings, each once, sorted: reported, not failing. */
  warnings: string[];
  failures: RuleFailure[];
}

export interface UblValidation {
  en16931: RuleSetOutcome;
  /** Peppol BIS Billing 3.0: the PEPPOL rules and their CEN companion together. */
  peppol: RuleSetOutcome;
}

/**
 * Runs every rule file over every document inside one JVM: a small XSLT 3.0 driver calls `fn:transform` per
 * (rule file, document), so each rule file is compiled once per run, and returns all failed assertions as JSON.
 */
const driver = `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:svrl="http://purl.oclc.org/dsdl/svrl" exclude-result-prefixes="#all">
  <xsl:output method="json" indent="no"/>
  <xsl:param name="documents" as="xs:string"/>
  <xsl:param name="rules" as="xs:string"/>
  <xsl:template name="xsl:initial-template">
    <xsl:variable name="sources" select="uri-collection($documents || '?select=*.xml')"/>
    <xsl:sequence select="array { for $rule in tokenize($rules, '\\|') return map {
      'rules': $rule,
      'documents': array { for $source in $sources return map {
        'document': replace(string($source), '^.*/([^/]+)\\.xml$', '$1'),
        'failed': array { for $failed in transform(map { 'stylesheet-location': $rule, 'source-node': doc($source) })?output//svrl:failed-assert return map {
          'id': string($failed/@id), 'flag': string($failed/@flag), 'location': string($failed/@location), 'text': normalize-space($failed/svrl:text) } } } } } }"/>
  </xsl:template>
</xsl:stylesheet>`;

/**
 * The CEN companion bundled with Peppol is the EN 16931 artefact byte for byte except its licence comment (checked
 * here, not assumed): when so, it is compiled and run once and its result serves both rule sets.
 */
const rulesAfterHeader = (file: string) => {
  const text = readFileSync(file, 'utf8');
  return text.slice(text.indexOf('<xsl:stylesheet'));
};
let companionIsEn16931: boolean | undefined;
const sameEn16931Rules = () => (companionIsEn16931 ??= rulesAfterHeader(en16931UblRules) === rulesAfterHeader(peppolCenCompanionRules));

const outcome = (failures: RuleFailure[]): RuleSetOutcome => {
  const ids = (flag: (f: string) => boolean) => [...new Set(failures.filter((f) => flag(f.flag)).map((f) => f.id || 'unknown'))].sort();
  // A failed assertion without a flag is treated as fatal: only `warning` (and `information`) never fail a document.
  return { fatal: ids((f) => f !== 'warning' && f !== 'information'), warnings: ids((f) => f === 'warning'), failures };
};

/** Validates many UBL documents (name → XML) against EN 16931 and Peppol BIS 3 in one JVM start. */
export async function validateUbl(documents: Record<string, string>): Promise<Record<string, UblValidation>> {
  const names = Object.keys(documents);
  for (const name of names) if (!/^[\w.-]+$/.test(name)) throw new Error(`document name ${name} must be a plain file name`);
  const dir = await mkdtemp(path.join(tmpdir(), 'cashloop-ubl-'));
  try {
    const input = path.join(dir, 'documents');
    await mkdir(input);
    await Promise.all(names.map((name) => writeFile(path.join(input, `${name}.xml`), documents[name]!)));
    const driverFile = path.join(dir, 'validate.xsl');
    await writeFile(driverFile, driver);
    const shared = sameEn16931Rules();
    const rules = shared ? [peppolCenCompanionRules, peppolUblRules] : ruleFiles;
    const { stdout } = await promisify(execFile)(
      'java',
      ['-cp', saxonJar, 'net.sf.saxon.Transform', '-it', `-xsl:${driverFile}`, `documents=${pathToFileURL(input).href}`, `rules=${rules.join('|')}`],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const runs = JSON.parse(stdout) as { rules: string; documents: { document: string; failed: RuleFailure[] }[] }[];
    const failuresOf = (rule: string, name: string) => runs.find((r) => r.rules === rule)?.documents.find((d) => d.document === name)?.failed;
    const result: Record<string, UblValidation> = {};
    for (const name of names) {
      const cen = failuresOf(peppolCenCompanionRules, name);
      const en = shared ? cen : failuresOf(en16931UblRules, name);
      const peppol = failuresOf(peppolUblRules, name);
      if (!cen || !en || !peppol) throw new Error(`the validation returned no result for ${name}`);
      result[name] = { en16931: outcome(en), peppol: outcome([...cen, ...peppol]) };
    }
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

