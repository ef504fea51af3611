/**
 * The event store's insight (issue 13): its anomaly kinds, their explanations, its timeline
 * marks. EventStoreDB's own names (WrongExpectedVersion, no_stream, $all) and the scenario's
 * setting names (maxRetries, readYourWrites, checkpointEvery) stay as written in both languages.
 * Chinese terms: 流 (stream), 事件编号 (event number), 期望版本 (expected version), 投影
 * (projection), 读模型 (read model), 检查点 (checkpoint), 命令处理器 (command handler), 快照
 * (snapshot), 模式版本 (schema version), 上转换器 (upcaster), 聚合 (aggregate), 重建 (rebuild).
 */
export const en = {
  'esInsight.kind.staleRead': 'Stale read',
  'esInsight.kind.doubleCount': 'Double count',
  'esInsight.kind.writeConflict': 'Write conflict',
  'esInsight.kind.commandFailed': 'Failed command',
  'esInsight.kind.schemaMismatch': 'Schema mismatch',
  'esInsight.unit.staleRead': '{n, plural, one {# stale read} other {# stale reads}}',
  'esInsight.unit.doubleCount':
    '{n, plural, one {# event counted twice} other {# events counted twice}}',
  'esInsight.unit.writeConflict': '{n, plural, one {# write conflict} other {# write conflicts}}',
  'esInsight.unit.commandFailed': '{n, plural, one {# failed command} other {# failed commands}}',
  'esInsight.unit.schemaMismatch':
    '{n, plural, one {# unreadable event} other {# unreadable events}}',
  'esInsight.item.eventStore': 'the event store',
  'esInsight.item.events': '{n, plural, one {# event} other {# events}}',
  'esInsight.item.info': 'information (nothing counted)',
  'esInsight.whatIf': 'an event store anomaly',

  'esInsight.staleRead':
    '{query} read {projection} for {stream} {behindMs} after the command that made it version {version} returned, and the read model had {model}: it was {behind, plural, one {# event} other {# events}} behind. {projection} is asynchronous: the next $all position it handles was {position} (its checkpoint {checkpoint}), and it had not handled the command’s event yet.{rebuild} With readYourWrites the query would have waited until the read model had version {version}.',
  'esInsight.staleRead.model': 'version {v}',
  'esInsight.staleRead.noRow': 'nothing for that stream yet',
  'esInsight.staleRead.rebuilding':
    ' Its read model was dropped at {at} and is being rebuilt from $all position 0 up to {target}.',
  'esInsight.doubleCount':
    '{projection} counted {stream} @ {n} ($all position {position}) a second time. {crash} A counter adds one for every event it handles; an idempotent projection keeps the last version seen per stream and skips what it has seen.',
  'esInsight.doubleCount.crash':
    'It crashed at {at} after handling the events up to $all position {upTo}, but its last checkpoint was {checkpoint}: it restarted from the checkpoint and handles again the {n, plural, one {# event} other {# events}} it had handled since.',
  'esInsight.doubleCount.unknown':
    'It restarted from a checkpoint below this event (the crash is before this part of the log).',
  'esInsight.conflict':
    '{handler} read {stream} at version {expected} to handle command #{command} (attempt {attempt}) and appended with expected version {expected}, but {others} appended first: the stream is at {actual}. EventStoreDB refused the append with WrongExpectedVersion and wrote nothing. {then}',
  'esInsight.conflict.others': 'another writer',
  'esInsight.conflict.retry': 'The handler reads the stream again and retries (attempt {next}).',
  'esInsight.conflict.gaveUp':
    'The handler has used its retries (maxRetries {max}): the command fails.',
  'esInsight.failed.conflicts':
    'Command #{command} on {stream} failed: {handler} tried {attempts, plural, one {once} other {# times}} and every append lost to a concurrent writer (WrongExpectedVersion); maxRetries is {max}. Nothing was written for it.',
  'esInsight.failed.version':
    'Command #{command} on {stream} failed: {handler} could not read the stream, because event {n} was written with schema version {v} and its code expects version {expected} with no upcaster between them.',
  'esInsight.mismatch':
    '{reader} met {stream} @ {n}, written with schema version {v}, but its code expects version {expected}{deploy}. {upcaster} {effect}',
  'esInsight.mismatch.deploy': ' (new code deployed at {at})',
  'esInsight.mismatch.noUpcaster':
    'No upcaster turns version {v} into {expected}, so it cannot apply the event.',
  'esInsight.mismatch.otherUpcaster':
    'Its upcaster turns version {from} into {to}, not {v} into {expected}, so it cannot apply the event.',
  'esInsight.mismatch.projection':
    'The event is left out of the read model: the read model misses what it says.',
  'esInsight.mismatch.handler': 'The command it was handling fails.',
  'esInsight.staleSnapshot':
    '{handler} found a snapshot of {stream} at version {n} written with snapshot schema version {v}, but its code expects {expected}: the snapshot is ignored and the stream is read from its start ({read, plural, one {# event} other {# events}}). Nothing is wrong; until a new snapshot is written, each read costs more.',

  'esInsight.mark.conflict':
    '{handler}: WrongExpectedVersion on {stream} (expected {expected}, actual {actual})',
  'esInsight.mark.failedConflicts':
    '{handler}: command #{command} on {stream} failed after {attempts, plural, one {# attempt} other {# attempts}}',
  'esInsight.mark.failedVersion':
    '{handler}: command #{command} on {stream} failed (an event it cannot read)',
  'esInsight.mark.crashed':
    '{projection} crashed at $all position {position}; it restarts from checkpoint {checkpoint}',
  'esInsight.mark.rebuildStarted':
    '{projection}: read model dropped, rebuild from $all position 0 to {target}',
  'esInsight.mark.rebuildDone':
    '{projection}: rebuild done, {n, plural, one {# event} other {# events}} replayed in {ms}',
  'esInsight.mark.deployed':
    '{aggregate}: new code deployed (event schema version {v}, snapshot schema version {s})',
};

export const zh: Record<keyof typeof en, string> = {
  'esInsight.kind.staleRead': '陈旧读',
  'esInsight.kind.doubleCount': '重复计数',
  'esInsight.kind.writeConflict': '写冲突',
  'esInsight.kind.commandFailed': '命令失败',
  'esInsight.kind.schemaMismatch': '模式版本不符',
  'esInsight.unit.staleRead': '{n, plural, other {# 次陈旧读}}',
  'esInsight.unit.doubleCount': '{n, plural, other {# 个事件被计了两次}}',
  'esInsight.unit.writeConflict': '{n, plural, other {# 次写冲突}}',
  'esInsight.unit.commandFailed': '{n, plural, other {# 个失败的命令}}',
  'esInsight.unit.schemaMismatch': '{n, plural, other {# 个无法读取的事件}}',
  'esInsight.item.eventStore': '事件存储',
  'esInsight.item.events': '{n, plural, other {# 个事件}}',
  'esInsight.item.info': '提示（不计数）',
  'esInsight.whatIf': '一个事件存储异常',

  'esInsight.staleRead':
    '{query} 在返回版本 {version} 的命令完成 {behindMs} 后读取 {projection} 中 {stream} 的数据，而读模型当时只有{model}：落后 {behind, plural, other {# 个事件}}。{projection} 是异步投影：它下一个要处理的 $all 位置是 {position}（检查点 {checkpoint}），还没处理这条命令写入的事件。{rebuild}若启用 readYourWrites，查询会等到读模型达到版本 {version} 再返回。',
  'esInsight.staleRead.model': '版本 {v}',
  'esInsight.staleRead.noRow': '该流的空数据',
  'esInsight.staleRead.rebuilding': '它的读模型在 {at} 被丢弃，正从 $all 位置 0 重建到 {target}。',
  'esInsight.doubleCount':
    '{projection} 第二次计入了 {stream} @ {n}（$all 位置 {position}）。{crash}计数型投影每处理一个事件就加一；幂等投影按流记录最后见到的版本，跳过已处理过的事件。',
  'esInsight.doubleCount.crash':
    '它在 {at} 崩溃，当时已处理到 $all 位置 {upTo}，但最后一个检查点是 {checkpoint}：重启后从检查点继续，把之后处理过的 {n, plural, other {# 个事件}}再处理一遍。',
  'esInsight.doubleCount.unknown': '它从低于该事件的检查点重启（崩溃发生在日志的更早部分）。',
  'esInsight.conflict':
    '{handler} 为处理命令 #{command}（第 {attempt} 次尝试）在版本 {expected} 读取了 {stream}，并以期望版本 {expected} 追加，但 {others} 抢先追加了：流已到版本 {actual}。EventStoreDB 以 WrongExpectedVersion 拒绝了这次追加，什么也没写入。{then}',
  'esInsight.conflict.others': '另一个写入者',
  'esInsight.conflict.retry': '命令处理器重新读取该流并重试（第 {next} 次尝试）。',
  'esInsight.conflict.gaveUp': '命令处理器已用完重试次数（maxRetries {max}）：命令失败。',
  'esInsight.failed.conflicts':
    '{stream} 上的命令 #{command} 失败：{handler} 尝试了 {attempts, plural, other {# 次}}，每次追加都输给了并发的写入者（WrongExpectedVersion）；maxRetries 为 {max}。这条命令什么也没写入。',
  'esInsight.failed.version':
    '{stream} 上的命令 #{command} 失败：{handler} 无法读取该流，因为事件 {n} 以模式版本 {v} 写入，而它的代码期望版本 {expected}，两者之间没有上转换器。',
  'esInsight.mismatch':
    '{reader} 遇到了 {stream} @ {n}，它以模式版本 {v} 写入，但代码期望版本 {expected}{deploy}。{upcaster}{effect}',
  'esInsight.mismatch.deploy': '（新代码在 {at} 部署）',
  'esInsight.mismatch.noUpcaster': '没有上转换器把版本 {v} 转换为 {expected}，因此无法应用该事件。',
  'esInsight.mismatch.otherUpcaster':
    '它的上转换器把版本 {from} 转换为 {to}，而不是把 {v} 转换为 {expected}，因此无法应用该事件。',
  'esInsight.mismatch.projection': '该事件没有进入读模型：读模型缺少它记录的内容。',
  'esInsight.mismatch.handler': '它正在处理的命令失败。',
  'esInsight.staleSnapshot':
    '{handler} 找到 {stream} 在版本 {n} 的快照，其快照模式版本为 {v}，但代码期望 {expected}：快照被忽略，从流的开头读取（{read, plural, other {# 个事件}}）。这没有错，只是在写入新快照之前，每次读取的代价更高。',

  'esInsight.mark.conflict':
    '{handler}：{stream} 上的 WrongExpectedVersion（期望 {expected}，实际 {actual}）',
  'esInsight.mark.failedConflicts':
    '{handler}：{stream} 上的命令 #{command} 在 {attempts, plural, other {# 次尝试}}后失败',
  'esInsight.mark.failedVersion':
    '{handler}：{stream} 上的命令 #{command} 失败（遇到无法读取的事件）',
  'esInsight.mark.crashed': '{projection} 在 $all 位置 {position} 崩溃；从检查点 {checkpoint} 重启',
  'esInsight.mark.rebuildStarted': '{projection}：丢弃读模型，从 $all 位置 0 重建到 {target}',
  'esInsight.mark.rebuildDone':
    '{projection}：重建完成，用 {ms} 重放了 {n, plural, other {# 个事件}}',
  'esInsight.mark.deployed': '{aggregate}：部署了新代码（事件模式版本 {v}，快照模式版本 {s}）',
};
