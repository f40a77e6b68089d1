/**
 * @module answer/question-intent — what kind of help a question asks for (find the cause, fix it,
 * recognise it, choose between options), so the offline answer leads with the matching kind of
 * section: "where do I start?" wants Diagnose, "how do I stop it?" wants Fix.
 */

export type QuestionIntent =
  'diagnose' | 'fix' | 'symptoms' | 'choose' | 'method' | 'pitfalls' | 'verify' | 'general';

const INTENTS: readonly [QuestionIntent, RegExp][] = [
  [
    'diagnose',
    /\b(find|where do i (even )?start|debug|diagnos\w*|figure out|track down|investigate|what'?s causing|identify|pinpoint|which \w+ is|look at|measure)\b/i,
  ],
  [
    'fix',
    /\b(fix|stop|prevent|avoid|solve|resolve|get rid of|deal with|make sure|protect|reduce|speed up)\b/i,
  ],
  ['symptoms', /\b(symptoms?|signs?|how do i (know|tell)|is (it|this) (a|an))\b/i],
  ['choose', /\b(vs\.?|versus|or|which (one|should)|should (i|we) (use|pick|choose))\b/i],
  ['method', /\b(approach|process|method|methodology|strategy|systematic|where do i (even )?start)\b/i],
  ['pitfalls', /\b(pitfalls?|mistakes?|gotchas?|wrong|anti-?patterns?|watch out)\b/i],
  ['verify', /\b(verify|confirm|prove|check (that|if|whether)|make sure (it|the fix))\b/i],
];

/** Section headings that serve each intent. */
const HEADINGS: Readonly<Record<QuestionIntent, RegExp | undefined>> = {
  diagnose:
    /^(diagnose|find|measure|confirm|take|compare|profile|read|capture|trace|detect|record|inspect|analy[sz]e)\b|\bdiagnos/i,
  fix: /^(fix|handle|use|prevent|reduce|bound|limit|add|set|size|always|catch|run|write)\b|\bfix(es)?\b/i,
  symptoms: /^symptoms?\b/i,
  choose: /\b(vs\.?|versus|or|choos\w*|when to|trade-?offs?|pick)\b/i,
  method: /\b(method|at a glance|process|steps?|checklist|workflow)\b/i,
  pitfalls: /pitfall|mistake|gotcha|anti-?pattern/i,
  verify: /\b(verify|validate|confirm)\b/i,
  general: undefined,
};

/** True when a section with this heading serves `intent`, e.g. `headingServes('pitfalls', 'Memory leak pitfalls')`. */
export function headingServes(intent: QuestionIntent, heading: string): boolean {
  return HEADINGS[intent]?.test(heading) ?? false;
}

/** True when the question asks for what a reserved section (pitfalls, verify) holds. */
export function wantsReserved(heading: string, intents: readonly QuestionIntent[]): boolean {
  return (['pitfalls', 'verify'] as const).some(
    (intent) => intents.includes(intent) && headingServes(intent, heading),
  );
}

export function questionIntents(question: string): QuestionIntent[] {
  const found = INTENTS.filter(([, pattern]) => pattern.test(question)).map(([intent]) => intent);
  return found.length > 0 ? found : ['general'];
}

/** +1.5 when the heading serves one of the intents; −1 for a Symptoms section nobody asked about. */
export function intentBonus(heading: string, intents: readonly QuestionIntent[]): number {
  if (intents.some((intent) => headingServes(intent, heading))) return 1.5;
  return /^symptoms?\b/i.test(heading) && !intents.includes('symptoms') ? -1 : 0;
}
