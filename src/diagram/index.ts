/** The design model: pure, no React. See README.md. */
export * from './types';
export { compile, classifyEdges, type CompileResult } from './compile';
export { decompile, nodeId, positionKey } from './decompile';
export { edgeMeaning, hasInput, hasOutput, type FlowKind, type EdgeMeaning } from './edges';
export { KINDS, kindInfo, defaultData, type KindInfo } from './kinds';
export {
  exportDesign,
  exportDesignDefinitions,
  importDesign,
  MAX_FILE_BYTES,
  type ImportResult,
} from './file';
export { parseDesignDoc, toDesignDoc, DESIGN_FORMAT, type DesignDoc } from './designDoc';
export { getAt, setAt, fieldKey, type Segment } from './paths';
export { uniqueName, uniqueId } from './names';
export { layoutDesign, layoutLeftToRight } from './layout';
export { renameNode, type RenameMemo } from './rename';
export {
  nodeSize,
  growthHeight,
  designGrowth,
  type NodeGrowth,
  nodeWidth,
  partitionCount,
  memberCount,
  NODE_WIDTH,
  COMPACT_PARTITIONS,
  PARTITION_ROW,
  COMPACT_ROW,
} from './nodeSize';
export { designToSvg, escapeXml, type SvgBox, type SvgEdge, type SvgTheme } from './svgExport';
export { amqpLinks, bindingDefaults, bindingLabel, type AmqpLinks } from './amqpLinks';
export { buildScenario } from './compile';
export {
  ALL_STREAM,
  esInputName,
  esNodeId,
  buildEventStore,
  decompileEventStore,
} from './eventStoreDesign';
