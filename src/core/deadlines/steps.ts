/**
 * What each deadline step means on the canonical record: whether the petition's state makes the
 * step due at all, and which date shows it done. This is law turned into code on purpose (it
 * follows the record's structure); how long each step may take is data (rules.yaml).
 */
import type { DeadlineStep, DeadlineSubject, StartDate } from './rules.ts';

/** How one step reads the record. */
export interface StepSemantics {
  /** False when the petition's state rules the step out (e.g. a complaint transferred away is never accepted here). */
  readonly applies: (p: DeadlineSubject) => boolean;
  /** The date the step was completed, when the record shows one. */
  readonly doneAt: (p: DeadlineSubject) => string | undefined;
  /** True when settlement.extendedTo (a decided extension) may push the due date back. */
  readonly extendable: boolean;
}

/** Accepting is still expected: handling has not sent the petition elsewhere or closed it. */
function mayBeAccepted(p: DeadlineSubject): boolean {
  const h = p.handling;
  return h?.withinCompetence !== false && (h?.outcome === undefined || h.outcome === 'ACCEPT');
}

function outsideCompetence(p: DeadlineSubject): boolean {
  return p.handling?.withinCompetence === false || p.handling?.outcome === 'TRANSFER';
}

function inRound(round: 1 | 2): (p: DeadlineSubject) => boolean {
  return (p) => mayBeAccepted(p) && (p.settlement?.round ?? 1) === round;
}

const handled = (p: DeadlineSubject) => p.handling?.decidedAt;
const accepted = (p: DeadlineSubject) => p.settlement?.acceptedAt;
const settled = (p: DeadlineSubject) => p.settlement?.decidedAt;

/** The meaning of a step. */
export function stepSemantics(step: DeadlineStep): StepSemantics {
  switch (step) {
    case 'handle':
      return { applies: () => true, doneAt: handled, extendable: false };
    case 'accept-complaint':
    case 'accept-denunciation':
      return { applies: mayBeAccepted, doneAt: accepted, extendable: false };
    case 'transfer-denunciation':
      return { applies: outsideCompetence, doneAt: handled, extendable: false };
    case 'settle-complaint-1':
      return { applies: inRound(1), doneAt: settled, extendable: true };
    case 'settle-complaint-2':
      return { applies: inRound(2), doneAt: settled, extendable: true };
    case 'settle-denunciation':
      return { applies: mayBeAccepted, doneAt: settled, extendable: true };
    default: {
      const never: never = step;
      throw new Error(`Unknown deadline step ${String(never)}`);
    }
  }
}

/** The record's value of a start date, when present. */
export function startDateOf(p: DeadlineSubject, from: StartDate): string | undefined {
  switch (from) {
    case 'receipt.receivedAt':
      return p.receipt.receivedAt;
    case 'receipt.writtenAt':
      return p.receipt.writtenAt;
    case 'handling.decidedAt':
      return p.handling?.decidedAt;
    case 'settlement.acceptedAt':
      return p.settlement?.acceptedAt;
    default: {
      const never: never = from;
      throw new Error(`Unknown start date ${String(never)}`);
    }
  }
}
