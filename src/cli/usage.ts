/**
 * @module cli/usage — help text for `node-mentor` and each command.
 */
export const COMMAND_USAGE = {
  index: `Usage: node-mentor index [--force]

Builds or updates the retrieval index under MENTOR_DATA_DIR from the playbooks in
MENTOR_KNOWLEDGE_DIR. Only changed or added sections are re-embedded; removed ones are dropped.

Options:
  --force     rebuild everything from scratch
  -h, --help  show this help`,
  search: `Usage: node-mentor search "query" [-k N] [--json]

Shows the playbook sections the mentor would use for a question, best first.

Options:
  -k N        how many sections (default 5)
  --json      print JSON instead of a table
  -h, --help  show this help`,
  ask: `Usage: node-mentor ask "question" [--json]
       node-mentor ask --batch FILE|-

Answers a question the way the mentor does in Slack. The index is built on first use.

Options:
  --json        print one JSON object:
                {question, answer, sources[{title,path,heading,score}], provider{answer,embedder},
                 timings_ms{retrieve,generate,total}}
  --batch FILE  read JSON lines {"id","question"} from FILE (or - for stdin) and write one
                JSON result line per input, with its id
  -h, --help    show this help`,
  tip: `Usage: node-mentor tip [--post]

Prints the next tip of the day from the rotation.

Options:
  --post      post it now to every channel in TIP_CHANNELS (needs Slack credentials)
  -h, --help  show this help`,
} as const;

export type CommandName = keyof typeof COMMAND_USAGE;

export const MAIN_USAGE = `Usage: node-mentor <command> [options]

Commands:
  index    build or update the retrieval index
  search   show the sections retrieved for a query
  ask      answer a question (also --json and --batch)
  tip      print (or --post) the next tip of the day

Run "node-mentor <command> --help" for a command's options.`;
