// The products a breakdown by product names, as people call them: the API's ids ("tts", "sts", "agents"; the
// successor's docs spell some "text_to_speech" and "text-to-speech") in the words of ElevenLabs' own pages. An id
// this version does not know is shown as the API sent it, never dropped or guessed at. The names are getters, so each
// read gives them in the display language that activation sets (after the bundle has loaded).

import * as l10n from '@vscode/l10n';
import type { ChartData } from './chartData';

const PRODUCT_LABELS: Readonly<Record<string, string>> = {
  get tts() { return l10n.t('Text to speech'); },
  get text_to_speech() { return l10n.t('Text to speech'); },
  get 'text-to-speech'() { return l10n.t('Text to speech'); },
  get sts() { return l10n.t('Speech to speech'); },
  get speech_to_speech() { return l10n.t('Speech to speech'); },
  get 'speech-to-speech'() { return l10n.t('Speech to speech'); },
  get stt() { return l10n.t('Speech to text'); },
  get speech_to_text() { return l10n.t('Speech to text'); },
  get 'speech-to-text'() { return l10n.t('Speech to text'); },
  get sound_effects() { return l10n.t('Sound effects'); },
  get dubbing() { return l10n.t('Dubbing'); },
  get agents() { return l10n.t('Agents'); },
  get conversational_ai() { return l10n.t('Agents'); },
  get voice_isolation() { return l10n.t('Voice isolator'); },
  get audio_isolation() { return l10n.t('Voice isolator'); },
  get music() { return l10n.t('Music'); },
};

/** A product's name for people; an unknown id as sent. */
export function productLabel(id: string): string {
  return Object.prototype.hasOwnProperty.call(PRODUCT_LABELS, id) ? PRODUCT_LABELS[id]! : id;
}

/**
 * The chart with its product series named for people. Two ids with one name (a service that spelt a product two
 * ways in one answer) keep their ids, so that no two series read the same.
 */
export function withProductLabels(data: ChartData): ChartData {
  const labels = data.series.map((s) => productLabel(s.name));
  const count = new Map<string, number>();
  for (const label of labels) {
    count.set(label, (count.get(label) ?? 0) + 1);
  }
  const taken = new Set(data.series.map((s) => s.name));
  return {
    ...data,
    series: data.series.map((s, i) => {
      const label = labels[i]!;
      const clash = count.get(label)! > 1 || (label !== s.name && taken.has(label));
      return clash || label === s.name ? s : { ...s, name: label, sentAs: s.name };
    }),
  };
}
