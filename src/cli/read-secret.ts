/**
 * Reads a password for a CLI command without it ever being an argument (argv is visible to other
 * users in the process list): typed at a prompt with no echo, or piped on standard input.
 */
import { createInterface } from 'node:readline';

/** Reads one line from stdin; prompts without echo when stdin is a terminal. */
export async function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    let text = '';
    for await (const chunk of input) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write(prompt);
  const rl = createInterface({ input, terminal: true });
  // Swallow the echo of what is typed; the prompt was written above.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  try {
    return await new Promise<string>((resolve) => rl.once('line', resolve));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}
