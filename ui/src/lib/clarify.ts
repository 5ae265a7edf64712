import type { Command } from '../api/types';
import { commandKey, messageProblem } from './chat';

/** The question a command ended in instead of running, if it asked one. */
export function questionOf(command: Command): Command['clarification'] {
  return command.clarification?.question ? command.clarification : undefined;
}

/** The command whose question `command` answers, when it is among those known. */
export function answeredCommand(command: Command, commands: Readonly<Record<string, Command>>): Command | undefined {
  if (!command.answers) return undefined;
  const asked = commands[commandKey({ namespace: command.namespace, name: command.answers })];
  return asked && questionOf(asked) ? asked : undefined;
}

/**
 * The request an answer sends. A choice is sent as its kubectl line, which the translator reads exactly; a free
 * answer as typed. Returns the reason it cannot be sent instead, or the request.
 */
export function answerRequest(answer: string): { request: string } | { problem: string } {
  const problem = messageProblem(answer);
  return problem ? { problem } : { request: answer.trim() };
}
