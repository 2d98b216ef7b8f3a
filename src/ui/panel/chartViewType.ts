/** The chart panel's webview type, for the panel and for the serializer registered at activation. */
export const CHART_VIEW_TYPE = 'elevenlabsUsage.chart';
