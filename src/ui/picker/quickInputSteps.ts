// StepInput (ui/picker/stepInput.ts) on VS Code's quick input: each step a quick pick or an input box, titled as step N
// of the total, with a Back button, kept open when focus moves elsewhere.

import * as vscode from 'vscode';
import { withoutLinks } from '../../api/serviceText';
import { Back, type StepChoice, type StepInput } from './stepInput';

interface Choice<T> extends vscode.QuickPickItem {
  readonly value: T;
}

/**
 * Runs the first outcome of a step (accept, back, or hide, which also fires when the step is disposed) and
 * disposes the widget; later outcomes are ignored.
 */
function settleOnce(widget: vscode.Disposable): (action: () => void) => void {
  let settled = false;
  return (action) => {
    if (!settled) {
      settled = true;
      action();
      widget.dispose();
    }
  };
}

/** Titles a prompt as step `step` of `totalSteps`; it stays open when focus moves elsewhere. */
function asStep<W extends vscode.QuickInput>(widget: W, title: string, step: number, totalSteps: number): W {
  widget.title = title;
  widget.step = step;
  widget.totalSteps = totalSteps;
  widget.ignoreFocusOut = true;
  return widget;
}

/** One quick-pick step; resolves with the choice, rejects with Back, or resolves undefined on Escape. */
function pickOne<T>(title: string, totalSteps: number, step: number, placeholder: string, items: ReadonlyArray<StepChoice<T>>, active: T | undefined): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const pick = asStep(vscode.window.createQuickPick<Choice<T>>(), title, step, totalSteps);
    pick.placeholder = placeholder;
    pick.items = items.map((item): Choice<T> => ({ ...item }));
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.buttons = step > 1 ? [vscode.QuickInputButtons.Back] : [];
    const activeItem = pick.items.find((item) => item.value === active);
    if (activeItem) {
      pick.activeItems = [activeItem];
    }
    const finish = settleOnce(pick);
    pick.onDidTriggerButton(() => finish(() => reject(new Back())));
    pick.onDidAccept(() => {
      const selected = pick.selectedItems[0];
      // Enter while the filter matches nothing is not an answer: the step stays open.
      if (selected) {
        finish(() => resolve(selected.value));
      }
    });
    pick.onDidHide(() => finish(() => resolve(undefined)));
    pick.show();
  });
}

/** One input step with validation; resolves with the text, rejects with Back, or undefined on Escape. */
function inputOne(title: string, totalSteps: number, step: number, prompt: string, value: string, validate: (text: string) => string | undefined): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const input = asStep(vscode.window.createInputBox(), title, step, totalSteps);
    input.prompt = prompt;
    input.value = value;
    input.buttons = [vscode.QuickInputButtons.Back];
    const finish = settleOnce(input);
    input.onDidChangeValue((text) => {
      input.validationMessage = text.trim() === '' ? undefined : validate(text);
    });
    input.onDidTriggerButton(() => finish(() => reject(new Back())));
    input.onDidAccept(() => {
      const message = validate(input.value);
      if (message) {
        input.validationMessage = message;
        return;
      }
      finish(() => resolve(input.value));
    });
    input.onDidHide(() => finish(() => resolve(undefined)));
    input.show();
  });
}


/** The steps of a picker titled `title`, with `totalSteps` steps. */
export function quickInputSteps(title: string, totalSteps: number): StepInput {
  return {
    pick: (step, placeholder, items, active) => pickOne(title, totalSteps, step, placeholder, items, active),
    input: (step, prompt, value, validate) => inputOne(title, totalSteps, step, prompt, value, validate),
    inform: (message) => void vscode.window.showInformationMessage(withoutLinks(message)),
  };
}
