/**
 * @module mentor/types — what the mentor core takes and gives. Every surface (CLI, Slack,
 * playground, scheduler) speaks these types and nothing else.
 */

export interface HistoryTurn {
  role: 'user' | 'assistant';
  text: string;
}

export interface AskInput {
  question: string;
  /** Earlier turns of the thread, oldest first (the thread is the memory). */
  history?: HistoryTurn[];
  /** Aborts generation, e.g. on shutdown. */
  signal?: AbortSignal;
}

export interface AnswerSource {
  title: string;
  /** Playbook path relative to the knowledge directory. */
  path: string;
  /** Heading path joined with " › ", e.g. "Diagnose › Take a heap snapshot". */
  heading: string;
  /** `<playbookId>#<anchor>`, usable with `ask`'s "tell me more". */
  ref: string;
  score: number;
}

export type AnswerConfidence = 'high' | 'medium' | 'low' | 'none';

export interface Answer {
  question: string;
  /** Standard Markdown; surfaces convert it (e.g. to Slack mrkdwn). */
  markdown: string;
  /** Empty when nothing relevant was found (the answer then declines). */
  sources: AnswerSource[];
  /** Two or three questions the asker could send next. */
  followUps: string[];
  confidence: AnswerConfidence;
  /** Short notices for the asker: trimmed question, redacted secret, LLM fallback… */
  notices: string[];
  provider: { answer: string; embedder: string };
  timings: { retrieveMs: number; generateMs: number; totalMs: number };
}

/** Streamed form of an answer: text deltas, then the complete answer. */
export type AnswerEvent = { type: 'delta'; text: string } | { type: 'done'; answer: Answer };

export interface Tip {
  /** Slug of the title; stable across edits of the text. */
  id: string;
  title: string;
  /** At most 400 characters, Markdown. */
  text: string;
  snippet?: string;
  lang?: string;
  /** `<playbookId>#<anchor>` of the section that goes deeper. */
  see: string;
}

export interface TopicSummary {
  id: string;
  title: string;
  summary: string;
  tags: string[];
}

export interface PersonaInfo {
  id: string;
  name: string;
  displayName: string;
  iconEmoji: string;
}

/** The mentor core as every surface sees it. */
export interface MentorService {
  readonly persona: PersonaInfo;
  ask(input: AskInput): Promise<Answer>;
  /** Same as `ask`, streamed: deltas as they are generated, then the whole answer. */
  askStream(input: AskInput): AsyncIterable<AnswerEvent>;
  /** Answers from one playbook section (`<playbookId>#<anchor>`), e.g. a tip's "Tell me more". */
  explain(ref: string, signal?: AbortSignal): Promise<Answer>;
  topics(): TopicSummary[];
  /** The next tip in the rotation (no repeats until all were given); persisted via the state port. */
  nextTip(scope: string): Promise<Tip>;
}

/** The small key-value port the core needs for tip rotation; runtime drivers implement it. */
export interface KeyValueState {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
}
