// A legend whose scale's domain is a param gets a scale of its own, with that domain in a param of its own
// (`param_legend_…`), which the webview empties before it redraws (see compile.ts).

import { LEGEND_DOMAIN_PREFIX, type JsonValue } from '../drawn/compiledChart';
import { isRecord, recordsOf, scopes, type Json } from './vegaSpecWalk';

/** The legend channels that name a scale. */
const LEGEND_SCALE_CHANNELS = ['fill', 'stroke', 'shape', 'size', 'opacity', 'strokeDash', 'strokeWidth'];

export function legendsOwnScales(spec: Json, params: Record<string, JsonValue>, declare: (name: string, value: JsonValue) => { signal: string }): void {
  for (const { scope, path } of scopes(spec)) {
    const scales = recordsOf(scope['scales']);
    recordsOf(scope['legends']).forEach((legend, i) => {
      // One own scale per scale the legend names (a legend often names one for both fill and stroke).
      const own = new Map<string, string>();
      for (const channel of LEGEND_SCALE_CHANNELS) {
        const scale = scales.find((s) => s['name'] === legend[channel]);
        const domain = scale && isRecord(scale['domain']) ? scale['domain']['signal'] : undefined;
        if (!scale || typeof domain !== 'string' || !Object.prototype.hasOwnProperty.call(params, domain)) {
          continue;
        }
        const scaleName = String(scale['name']);
        let name = own.get(scaleName);
        if (name === undefined) {
          name = `${scaleName}_legend_${i}`;
          if (scales.some((s) => s['name'] === name)) {
            continue;
          }
          own.set(scaleName, name);
          (scope['scales'] as Json[]).push({ ...scale, name, domain: declare(`${LEGEND_DOMAIN_PREFIX}${path}${i}_${scaleName}`, params[domain]!) });
        }
        legend[channel] = name;
      }
    });
  }
}
