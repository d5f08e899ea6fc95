// msi/api-not-in-era for the APIs whose existence is a matter of the tree's generation (catalogue
// rows with a lifetime: the descriptor lock pair, its 7.x guard, the parent-domain creators).
// These calls put nothing in a store, so they are read from the facts, not from the replay.
import { catalogueRow } from '../facts/catalogue';
import { apiPresent } from '../facts/era';
import type { MsiFact, TreeFacts } from '../facts/types';
import type { Finding } from '../vocabulary/finding';

function spelled(fact: MsiFact): string {
  return catalogueRow(fact.api)?.lockGuard ? `guard(${fact.api})` : `${fact.api}()`;
}

function finding(fact: MsiFact, tree: TreeFacts): Finding | undefined {
  const life = catalogueRow(fact.api)?.lifetime;
  if (!life || apiPresent(fact.api, tree.era) !== false) return undefined;
  const declared = tree.era.apis?.[fact.api] === false;
  const why = declared ? `its ${life.header} does not declare it` : `${life.added ? 'added' : 'removed'} in ${life.added ?? life.removed}`;
  return {
    code: 'msi/api-not-in-era',
    severity: 'warning',
    file: fact.file,
    range: fact.range,
    related: [],
    message: `${spelled(fact)} does not exist in a ${tree.era.label} tree (${why}): it offers ${life.instead}`,
    assumptions: [`the era of the tree: ${tree.era.source}`],
  };
}

export function eraApiFindings(tree: TreeFacts): Finding[] {
  return tree.files.flatMap((f) => f.facts.flatMap((fact) => finding(fact, tree) ?? []));
}
