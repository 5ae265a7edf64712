import { describe, expect, it } from 'vitest';
import type { Command } from '../api/types';
import { answeredCommand, answerRequest, questionOf } from './clarify';

const asking: Command = {
  namespace: 'kubechat-sessions', name: 'cmd-ask', phase: 'Failed',
  message: 'Which deployment do you mean?',
  clarification: {
    question: 'Which deployment do you mean?',
    choices: [{ kubectl: 'kubectl scale deployment checkout -n shop --replicas=4' }],
  },
};

describe('clarifications', () => {
  it('finds the question of a command that asked one, and none on a command that did not', () => {
    expect(questionOf(asking)?.choices[0].kubectl).toBe('kubectl scale deployment checkout -n shop --replicas=4');
    expect(questionOf({ namespace: 'ns', name: 'plain', phase: 'Failed', message: 'not understood' })).toBeUndefined();
    expect(questionOf({ namespace: 'ns', name: 'empty', clarification: { question: '', choices: [] } })).toBeUndefined();
  });

  it('links an answer to the command whose question it answers, in the same namespace only', () => {
    const commands = { 'kubechat-sessions/cmd-ask': asking };
    const answer: Command = { namespace: 'kubechat-sessions', name: 'cmd-answer', answers: 'cmd-ask' };
    expect(answeredCommand(answer, commands)?.name).toBe('cmd-ask');
    expect(answeredCommand({ ...answer, namespace: 'elsewhere' }, commands)).toBeUndefined();
    expect(answeredCommand({ ...answer, answers: undefined }, commands)).toBeUndefined();
    // A command that asked nothing has no question to answer.
    expect(answeredCommand(answer, { 'kubechat-sessions/cmd-ask': { ...asking, clarification: undefined } })).toBeUndefined();
  });

  it('sends a choice as its kubectl line and refuses an empty free answer', () => {
    expect(answerRequest(' kubectl logs deployment/checkout -n shop ')).toEqual({ request: 'kubectl logs deployment/checkout -n shop' });
    expect(answerRequest('   ')).toEqual({ problem: 'Type a request first.' });
    expect(answerRequest('x'.repeat(2001))).toHaveProperty('problem');
  });
});
