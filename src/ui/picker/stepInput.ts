// The multi-step input the Show Usage picker asks its questions with, as an interface (pure: no vscode
// import), so the picker's paths (Back, a custom range, a bucket size, remembered answers) are tested in plain
// mocha with scripted answers; ui/picker/quickInputSteps.ts implements it with VS Code's quick input.

/** Thrown by a step when the user pressed its Back button. */
export class Back extends Error {}

export interface StepChoice<T> {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly value: T;
}

export interface StepInput {
  /** A list to pick from; resolves with the chosen value, or undefined on Escape; rejects with Back. */
  pick<T>(step: number, placeholder: string, items: ReadonlyArray<StepChoice<T>>, active: T | undefined): Promise<T | undefined>;
  /**
   * A text to type, checked by `validate` (undefined: fine; otherwise the message shown); resolves with the text
   * or undefined on Escape; rejects with Back.
   */
  input(step: number, prompt: string, value: string, validate: (text: string) => string | undefined): Promise<string | undefined>;
  /** Tells the user something about their answer (a notification). */
  inform(message: string): void;
}
