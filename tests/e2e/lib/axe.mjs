/**
 * Accessibility scan with axe-core (the library's own rules, WCAG 2.x A/AA and best
 * practices) of the page as it is now. Returns the violations whose impact is serious or
 * critical, each as a readable line; tests assert that the list is empty.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const kAxeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function seriousAxeViolations(page) {
  // Evaluated through the DevTools protocol, so the page's CSP does not apply.
  await page.evaluate(kAxeSource);
  const violations = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.join(', ')}`);
}
