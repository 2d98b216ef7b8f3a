// The products a breakdown by product names, as people call them: the API's ids ("tts", "sts", "agents"; the
// successor's docs spell some "text_to_speech" and "text-to-speech") in the words of ElevenLabs' own pages. An id
// this version does not know is shown as the API sent it, never dropped or guessed at.

import type { ChartData } from './chartData';

const PRODUCT_LABELS: Readonly<Record<string, string>> = {
  tts: 'Text to speech',
  text_to_speech: 'Text to speech',
  'text-to-speech': 'Text to speech',
  sts: 'Speech to speech',
  speech_to_speech: 'Speech to speech',
  'speech-to-speech': 'Speech to speech',
  stt: 'Speech to text',
  speech_to_text: 'Speech to text',
  'speech-to-text': 'Speech to text',
  sound_effects: 'Sound effects',
  dubbing: 'Dubbing',
  agents: 'Agents',
  conversational_ai: 'Agents',
  voice_isolation: 'Voice isolator',
  audio_isolation: 'Voice isolator',
  music: 'Music',
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
      return clash ? s : { ...s, name: label };
    }),
  };
}
