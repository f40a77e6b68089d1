/**
 * @module mentor/canned-answers — the answers that need no retrieval: the usage hint for an empty
 * question, the decline for an off-topic one, the refusal for an injection attempt, and "that
 * section is gone" for a stale "Tell me more". None cites anything, none invents anything.
 */
import type { Persona } from './persona.js';

export interface CannedAnswer {
  markdown: string;
  followUps: string[];
}

/** Starter questions derived from what the persona covers, so they always match its scope. */
export function starterQuestions(persona: Pick<Persona, 'covers'>, count = 3): string[] {
  return persona.covers.slice(0, count).map((topic) => `What should I know about ${topic}?`);
}

export function usageAnswer(persona: Persona): CannedAnswer {
  return {
    markdown:
      `Ask me a Node.js question and I will answer from the team's playbooks, with sources. For example: ` +
      `_"Why does our heap keep growing after every deploy?"_ or _"How do I stream a big CSV without running out of memory?"_\n\n` +
      `I cover ${persona.covers.slice(0, 4).join(', ')} and more.`,
    followUps: starterQuestions(persona),
  };
}

export function declineAnswer(persona: Persona): CannedAnswer {
  return { markdown: persona.decline, followUps: starterQuestions(persona) };
}

export function refusalAnswer(persona: Persona): CannedAnswer {
  return {
    markdown: `I keep my instructions, configuration and secrets to myself, and I stay in my role. ${persona.decline}`,
    followUps: starterQuestions(persona),
  };
}

/** A clarifying question for a message that only says "it" with no thread to say what "it" is. */
export function clarifyAnswer(persona: Persona): CannedAnswer {
  return {
    markdown:
      'I can\'t see what "it" refers to: there is no earlier message in this thread. Tell me what you are seeing — ' +
      'the error message or symptom (slow, crashing, memory growing), the code around it and your Node version — ' +
      'and I will point you to the right playbook.',
    followUps: starterQuestions(persona),
  };
}

export function missingSectionAnswer(ref: string): CannedAnswer {
  const shown = ref.replace(/[^\p{L}\p{N}#_.-]/gu, '').slice(0, 120);
  return {
    markdown:
      `I can't find the playbook section \`${shown}\` any more: the playbooks may have changed since that message. ` +
      'Ask me the question directly and I will find the current section.',
    followUps: [],
  };
}
