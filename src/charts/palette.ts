/**
 * How charts look: GOV.UK colours (each series its own colour and its own marker, so that no
 * series is told apart by colour alone), the page's font and text colours.
 */
export const SERIES_COLOURS = [
  '#1d70b8', // blue
  '#f47738', // orange
  '#00703c', // green
  '#d4351c', // red
  '#4c2c92', // purple
  '#5694ca', // light blue
  '#912b88', // bright purple
  '#85994b', // light green
  '#28a197', // turquoise
  '#b58840', // brown
  '#6f72af', // light purple
  '#505a5f', // dark grey
] as const;

/** ECharts marker shapes, one per series, in the same order as the colours. */
export const SERIES_SYMBOLS = [
  'circle',
  'rect',
  'triangle',
  'diamond',
  'emptyCircle',
  'emptyRect',
  'emptyTriangle',
  'emptyDiamond',
  'roundRect',
  'emptyRoundRect',
  'arrow',
  'pin',
] as const;

export const colourOf = (index: number) => SERIES_COLOURS[index % SERIES_COLOURS.length] as string;
export const symbolOf = (index: number) => SERIES_SYMBOLS[index % SERIES_SYMBOLS.length] as string;

/** GOV.UK Frontend's font stack, set on the chart's root so every text in it uses it. */
export const FONT_FAMILY = "'GDS Transport', arial, sans-serif";
export const TEXT_COLOUR = '#0b0c0c';
export const SECONDARY_TEXT_COLOUR = '#505a5f';
export const BORDER_COLOUR = '#b1b4b6';
export const FONT_SIZE = 14;
