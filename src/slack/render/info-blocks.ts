/**
 * @module slack/render/info-blocks — `/ask-node topics` (the playbooks the mentor answers from) and
 * `/ask-node help` (how to reach the mentor: the command, mentions, DMs, the assistant pane).
 */
import type { KnownBlock } from '@slack/types';
import type { PersonaInfo, TopicSummary } from '../../mentor/types.js';
import { BLOCK_LIMITS, context, section, truncate } from './block-builders.js';
import type { RenderedMessage } from './block-builders.js';
import { convertInline } from './inline-mrkdwn.js';
import { escapeMrkdwn } from './inline-tokens.js';

/** Longest topic summary shown, in characters of Markdown. */
const SUMMARY_LENGTH = 280;
/** Text budget for the topic list, leaving room for the heading and the footer. */
const TOPICS_BUDGET = BLOCK_LIMITS.messageText - 1_000;
/** Section blocks for topics, leaving room for the heading and the footer. */
const TOPIC_SECTIONS = BLOCK_LIMITS.blocksPerMessage - 3;

/** Lists the playbooks, several per section; a very long list ends with "…and N more". */
export function renderTopics(topics: TopicSummary[]): RenderedMessage {
  if (topics.length === 0) {
    const line = 'No playbooks are loaded yet, so I have nothing to answer from.';
    return { text: line, blocks: [section(`:open_file_folder: ${line}`)] };
  }
  const blocks: KnownBlock[] = [section(`:books: *Playbooks I answer from* (${topics.length})`)];
  let sectionText = '';
  let used = 0;
  let shown = 0;
  for (const topic of topics) {
    const line = topicLine(topic);
    const joined = sectionText === '' ? line : `${sectionText}\n${line}`;
    if (used + line.length > TOPICS_BUDGET) break;
    if (joined.length > BLOCK_LIMITS.sectionText) {
      if (blocks.length > TOPIC_SECTIONS) break;
      blocks.push(section(sectionText));
      sectionText = line;
    } else sectionText = joined;
    used += line.length;
    shown += 1;
  }
  if (sectionText !== '') blocks.push(section(sectionText));
  const more = topics.length - shown;
  const hint = `Ask about any of them with ${code('/ask-node <question>')}.`;
  blocks.push(context([more > 0 ? `…and ${more} more. ${hint}` : hint], 'topics_hint'));
  const titles = topics.map((topic) => topic.title).join(', ');
  return { text: escapeMrkdwn(truncate(`Playbooks: ${titles}`, 1_000)), blocks };
}

function topicLine(topic: TopicSummary): string {
  const tags = topic.tags.length > 0 ? ` _(${escapeMrkdwn(topic.tags.join(', '))})_` : '';
  const summary =
    topic.summary.trim() === '' ? '' : ` — ${convertInline(truncate(topic.summary, SUMMARY_LENGTH))}`;
  return `• *${escapeMrkdwn(topic.title)}*${summary}${tags}`;
}

/** How to use the mentor, in the persona's name. */
export function renderHelp(persona: PersonaInfo): RenderedMessage {
  const name = escapeMrkdwn(persona.displayName);
  const intro = `${persona.iconEmoji} *${name}* — I answer Node.js questions as a senior developer would, from the team's playbooks, and I cite the sections I used.`;
  const usage = [
    '*How to ask*',
    `• ${code('/ask-node <question>')} — in any channel I am in; I post the question and my answer there, so you can follow up in its thread.`,
    `• ${code('/ask-node topics')} — the playbooks I answer from.`,
    `• ${code('/ask-node tip')} — a tip right now.`,
    `• ${code('/ask-node help')} — this message.`,
    `• Mention *@${name}* in a channel or a thread — I reply in the thread and read it for context, so follow-ups just work.`,
    `• Send me a direct message, or open *${name}* in the assistant pane.`,
  ].join('\n');
  const notes = [
    'Slash commands do not work inside threads: mention me there instead.',
    `Not in the channel yet? ${code(`/invite @${persona.displayName}`)}.`,
  ];
  return {
    text: `${name}: ask with /ask-node &lt;question&gt;, by mentioning me, or in a DM.`,
    blocks: [section(intro), section(usage), context(notes, 'help_notes')],
  };
}

/** Inline code with Slack's three reserved characters escaped (`<question>` would be a link). */
function code(text: string): string {
  return `\`${escapeMrkdwn(text)}\``;
}
