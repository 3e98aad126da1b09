/** Moved to server/events/intake.ts (the event path lives under server/events/). */
export { createEventIntake, type EventIntake, type EventIntakeDeps, type IntakeOutcome } from '../events/intake';
