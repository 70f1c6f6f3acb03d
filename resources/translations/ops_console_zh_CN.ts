<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>ops</name>
    <message>
      <location filename="../../ops_console/ui/alarm_text.py" line="47" />
      <source>Handed over</source>
      <translation>已转工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/alarm_text.py" line="54" />
      <source>Pending</source>
      <translation>待转工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/alarm_text.py" line="61" />
      <source>Retrying (attempt {n} failed: {error}; next {time})</source>
      <translation>重试中（第 {n} 次失败：{error}；下次 {time}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/alarm_text.py" line="80" />
      <source>Recovery not recorded yet (attempt {n} failed: {error}; next {time})</source>
      <translation>设备恢复尚未记入工单（第 {n} 次失败：{error}；下次 {time}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/alarm_text.py" line="49" />
      <source>Refused: {reason}</source>
      <translation>已拒绝：{reason}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/alarm_text.py" line="57" />
      <source>Retrying (attempt {n} failed: {error})</source>
      <translation>重试中（第 {n} 次失败：{error}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/alarm_text.py" line="70" />
      <source>Not marked recovered: {reason}</source>
      <translation>未标记设备已恢复：{reason}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/alarm_text.py" line="78" />
      <source>Recovery retrying (attempt {n} failed)</source>
      <translation>设备恢复通知重试中（第 {n} 次失败）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/alarm_text.py" line="51" />
      <location filename="../../ops_console/ui/alarm_text.py" line="72" />
      <source>no reason recorded</source>
      <translation>未记录原因</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/attachments.py" line="75" />
      <location filename="../../ops_console/ui/pages/workorders.py" line="279" />
      <source>Photos and files</source>
      <translation>照片和文件</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/attachments.py" line="84" />
      <source>No photos or files yet.</source>
      <translation>还没有照片或文件。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/attachments.py" line="89" />
      <source>What the file shows</source>
      <translation>文件内容</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/attachments.py" line="92" />
      <source>&amp;Attach photo or PDF…</source>
      <translation>附加照片或 PDF(&amp;A)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/attachments.py" line="183" />
      <source>Attach a photo or PDF</source>
      <translation>附加照片或 PDF</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/attachments.py" line="185" />
      <source>Photos and PDFs (*.jpg *.jpeg *.png *.heic *.heif *.pdf)</source>
      <translation>照片和 PDF (*.jpg *.jpeg *.png *.heic *.heif *.pdf)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/attachments.py" line="116" />
      <source>{kind} · {size} · {who}, {when}
Double-click to open</source>
      <translation>{kind} · {size} · {who}，{when}
双击打开</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/attachments.py" line="207" />
      <location filename="../../ops_console/ui/care_banner.py" line="147" />
      <location filename="../../ops_console/ui/dialogs/form.py" line="249" />
      <location filename="../../ops_console/ui/pages/workorders.py" line="652" />
      <source>Saving…</source>
      <translation>正在保存…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/audit_text.py" line="53" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/audit_text.py" line="53" />
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/audit_text.py" line="75" />
      <source>system</source>
      <translation>系统</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/audit_text.py" line="158" />
      <source>Value</source>
      <translation>值</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/audit_text.py" line="162" />
      <source>{field}: {value}</source>
      <translation>{field}：{value}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/audit_text.py" line="195" />
      <source>Action code: {code}</source>
      <translation>操作代码：{code}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/audit_text.py" line="196" />
      <source>Entity: {entity} {id}</source>
      <translation>对象：{entity} {id}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/audit_text.py" line="197" />
      <source>Before (JSON): {json}</source>
      <translation>变更前（JSON）：{json}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/audit_text.py" line="198" />
      <source>After (JSON): {json}</source>
      <translation>变更后（JSON）：{json}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/audit_text.py" line="199" />
      <source>Hash: {hash}</source>
      <translation>哈希：{hash}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_banner.py" line="47" />
      <source>SOS — resident needs help</source>
      <translation>SOS 求助 — 居民需要帮助</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_banner.py" line="73" />
      <source>Urgent care alerts</source>
      <translation>紧急关怀告警</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_banner.py" line="77" />
      <source>Who is looking after the resident</source>
      <translation>谁在照看这位居民</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_banner.py" line="78" />
      <source>Acknowledgement note</source>
      <translation>确认说明</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_banner.py" line="79" />
      <source>&amp;Acknowledge selected</source>
      <translation>确认所选(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_banner.py" line="65" />
      <source>Call the resident or go there now. This stays on screen until someone acknowledges each alert.</source>
      <translation>请立即致电居民或上门查看。在每条告警都有人确认之前，本提示会一直显示。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_banner.py" line="105" />
      <source>{n} unacknowledged SOS / fall alerts</source>
      <translation>{n} 条未确认的 SOS / 跌倒告警</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_text.py" line="19" />
      <source>SOS</source>
      <translation>SOS 求助</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_text.py" line="19" />
      <source>Fall</source>
      <translation>跌倒</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_text.py" line="19" />
      <source>Band removed</source>
      <translation>手环被摘下</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_text.py" line="21" />
      <source>Not acknowledged</source>
      <translation>未确认</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_text.py" line="22" />
      <source>Being looked after</source>
      <translation>处理中</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_text.py" line="23" />
      <location filename="../../ops_console/ui/i18n.py" line="77" />
      <source>Closed</source>
      <translation>已关闭</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_text.py" line="59" />
      <source>Acknowledge care alert {id}</source>
      <translation>确认关怀告警 {id}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_text.py" line="60" />
      <source>Acknowledge</source>
      <translation>确认</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_text.py" line="61" />
      <source>&amp;Note:</source>
      <translation>说明(&amp;N)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_text.py" line="62" />
      <source>Say who is looking after the resident.</source>
      <translation>请说明由谁照看这位居民。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_text.py" line="65" />
      <source>Close care alert {id}</source>
      <translation>关闭关怀告警 {id}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_text.py" line="66" />
      <source>Close alert</source>
      <translation>关闭告警</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_text.py" line="67" />
      <source>&amp;Outcome:</source>
      <translation>处置结果(&amp;O)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_text.py" line="68" />
      <source>Say what happened.</source>
      <translation>请说明处置结果。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_text.py" line="33" />
      <source>{where}, band {band}</source>
      <translation>{where}，手环 {band}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_text.py" line="38" />
      <source>{kind} — {where} — {at}</source>
      <translation>{kind} — {where} — {at}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/care_text.py" line="30" />
      <source>{community} (where: hidden for your role)</source>
      <translation>{community}（具体位置：您的角色不可见）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/db_probe.py" line="14" />
      <source>Connecting…</source>
      <translation>正在连接…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/db_probe.py" line="23" />
      <source>✔ Connected; the database is ready.</source>
      <translation>✔ 已连接；数据库已就绪。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/db_probe.py" line="25" />
      <source>✔ Connected; the database is empty (it will be set up at start).</source>
      <translation>✔ 已连接；数据库为空（启动时将自动初始化）。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/attachment.py" line="39" />
      <source>{n} KB</source>
      <translation>{n} KB</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/attachment.py" line="75" />
      <location filename="../../ops_console/ui/main_window.py" line="232" />
      <source>Loading…</source>
      <translation>正在读取…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/attachment.py" line="85" />
      <source>Save a &amp;copy…</source>
      <translation>另存副本(&amp;C)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/attachment.py" line="131" />
      <location filename="../../ops_console/ui/dialogs/attachment.py" line="142" />
      <source>Save a copy</source>
      <translation>另存副本</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/attachment.py" line="38" />
      <source>{n} MB</source>
      <translation>{n} MB</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/attachment.py" line="121" />
      <source>This file cannot be shown here; save a copy to open it elsewhere.</source>
      <translation>此文件无法在这里显示；请另存副本后用其他程序打开。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/attachment.py" line="154" />
      <source>Saved {path}</source>
      <translation>已保存 {path}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/attachment.py" line="65" />
      <source>{kind} · {size} · {who}, {when}</source>
      <translation>{kind} · {size} · {who}，{when}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="35" />
      <source>New community</source>
      <translation>新增社区</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="36" />
      <source>Devices, work orders, contracts and people's reach name the community.</source>
      <translation>设备、工单、合同以及人员的负责范围都以社区为单位。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="37" />
      <source>&amp;Add community</source>
      <translation>新增社区(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="40" />
      <location filename="../../ops_console/ui/dialogs/credential.py" line="42" />
      <location filename="../../ops_console/ui/dialogs/device.py" line="102" />
      <location filename="../../ops_console/ui/dialogs/plan.py" line="40" />
      <source>&amp;Name:</source>
      <translation>名称(&amp;N)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="41" />
      <source>&amp;English name:</source>
      <translation>英文名称(&amp;E)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="42" />
      <source>&amp;Time zone:</source>
      <translation>时区(&amp;T)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="43" />
      <location filename="../../ops_console/ui/dialogs/communities.py" line="109" />
      <source>Office &amp;phone:</source>
      <translation>办公室电话(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="44" />
      <source>&amp;Zones:</source>
      <translation>区域(&amp;Z)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="45" />
      <source>One per line: 1幢, 北门, 地下车库B1…</source>
      <translation>每行一个：1幢、北门、地下车库B1…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="75" />
      <source>&amp;Add zone</source>
      <translation>新增区域(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="79" />
      <location filename="../../ops_console/ui/dialogs/device.py" line="105" />
      <source>&amp;Zone:</source>
      <translation>区域(&amp;Z)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="101" />
      <source>Residents call this number; every resident notice prints it. A mobile (13912345678) or a landline with its area code (021-50801234).</source>
      <translation>居民拨打此号码；每份居民通知都会印上它。可填手机号（13912345678）或带区号的固定电话（021-50801234）。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="105" />
      <location filename="../../ops_console/ui/dialogs/users.py" line="201" />
      <source>&amp;Save</source>
      <translation>保存(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="47" />
      <source>Enter the community's name.</source>
      <translation>请输入社区名称。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="80" />
      <source>Enter the zone's name.</source>
      <translation>请输入区域名称。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="110" />
      <source>Enter the number.</source>
      <translation>请输入号码。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="40" />
      <source>e.g. 湖滨</source>
      <translation>例如 湖滨</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="73" />
      <source>New zone in {community}</source>
      <translation>在 {community} 新增区域</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="74" />
      <source>Zones now: {zones}</source>
      <translation>现有区域：{zones}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="79" />
      <source>e.g. 11幢</source>
      <translation>例如 11幢</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="100" />
      <source>Office phone of {community}</source>
      <translation>{community} 的办公室电话</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/communities.py" line="74" />
      <location filename="../../ops_console/ui/dialogs/credential.py" line="57" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="28" />
      <source>name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="29" />
      <source>firm</source>
      <translation>维保单位</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="30" />
      <source>communities</source>
      <translation>社区</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="31" />
      <source>start</source>
      <translation>开始日期</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="32" />
      <source>end</source>
      <translation>结束日期</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="33" />
      <source>monthly fee</source>
      <translation>月服务费</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="34" />
      <source>penalty cap (× the fee)</source>
      <translation>扣款上限（月服务费的倍数）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="35" />
      <source>time zone</source>
      <translation>时区</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="36" />
      <source>parties</source>
      <translation>合同各方</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="37" />
      <source>availability term</source>
      <translation>可用率条款</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="94" />
      <source>Import a contract</source>
      <translation>导入合同</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="95" />
      <source>A contract file (TOML, see the README) creates or updates the contract, its calendar and its SLA policy; changed terms make a new policy version.</source>
      <translation>合同文件（TOML 格式，见 README）用于新建或更新合同、工作日历和 SLA 策略；条款有变化时生成新的策略版本。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="99" />
      <source>&amp;Import</source>
      <translation>导入(&amp;I)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="115" />
      <source>&amp;Choose…</source>
      <translation>选择(&amp;C)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="119" />
      <source>&amp;File:</source>
      <translation>文件(&amp;F)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="121" />
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="126" />
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="85" />
      <source>Preview</source>
      <translation>预览</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="134" />
      <source>Choose a contract file</source>
      <translation>选择合同文件</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="134" />
      <source>Contract files (*.toml)</source>
      <translation>合同文件 (*.toml)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="160" />
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="438" />
      <source>Reading…</source>
      <translation>正在读取…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="55" />
      <source>Contract fields:</source>
      <translation>合同内容：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="55" />
      <source>Changes:</source>
      <translation>变更：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="127" />
      <source>Preview:</source>
      <translation>预览：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="183" />
      <source>Choose a contract file.</source>
      <translation>请选择合同文件。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="189" />
      <source>Press Enter to see what importing the file will change.</source>
      <translation>按回车键，查看导入此文件会带来哪些变化。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="45" />
      <source>Contract {code} will be created.</source>
      <translation>将新建合同 {code}。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="53" />
      <source>New firm: {firm} (added as an organization).</source>
      <translation>新的维保单位：{firm}（将作为单位添加）。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="63" />
      <source>New SLA policy version {v}:</source>
      <translation>新的 SLA 策略版本 {v}：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="80" />
      <source>SLA policy version {v} stays in force.</source>
      <translation>SLA 策略版本 {v} 继续有效。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="188" />
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="153" />
      <source>Reading the file…</source>
      <translation>正在读取文件…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="47" />
      <source>Contract {code} will be updated.</source>
      <translation>将更新合同 {code}。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="50" />
      <source>Contract {code} is unchanged: importing it changes nothing.</source>
      <translation>合同 {code} 没有变化：导入不会做任何修改。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/contract_import.py" line="67" />
      <source>{key}: respond within {response} min, resolve within {resolution} min ({calendar}); {breach} per breach, {hour} per hour late</source>
      <translation>{key}：{response} 分钟内响应，{resolution} 分钟内解决（{calendar}）；每次违约扣 {breach}，每超时一小时扣 {hour}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/credential.py" line="33" />
      <source>Store an SNMP credential</source>
      <translation>保存 SNMP 凭据</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/credential.py" line="34" />
      <source>Devices name the credential they are polled with. The secrets go to the secret store (this computer's keyring, or on a shared installation the database, encrypted under the installation key) and are never shown again.</source>
      <translation>每台设备都指明轮询时使用的凭据。密钥存入密钥库（本机的密钥环；共享安装时存入数据库，并用安装密钥加密），之后不会再显示。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/credential.py" line="39" />
      <source>&amp;Store</source>
      <translation>保存(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/credential.py" line="52" />
      <location filename="../../ops_console/ui/dialogs/plan.py" line="82" />
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="145" />
      <source>&amp;Kind:</source>
      <translation>类型(&amp;K)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/credential.py" line="55" />
      <location filename="../../ops_console/ui/dialogs/planning.py" line="61" />
      <source>&amp;Community:</source>
      <translation>社区(&amp;C)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/credential.py" line="56" />
      <source>v3 &amp;user:</source>
      <translation>v3 用户名(&amp;U)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/credential.py" line="59" />
      <source>&amp;Authentication:</source>
      <translation>认证协议(&amp;A)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/credential.py" line="61" />
      <source>Auth &amp;key:</source>
      <translation>认证密钥(&amp;K)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/credential.py" line="63" />
      <source>&amp;Privacy:</source>
      <translation>加密协议(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/credential.py" line="65" />
      <source>Pri&amp;vacy key:</source>
      <translation>加密密钥(&amp;V)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/credential.py" line="94" />
      <source>Name the credential.</source>
      <translation>请为凭据命名。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/credential.py" line="96" />
      <source>Enter the v3 user.</source>
      <translation>请输入 v3 用户名。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/credential.py" line="98" />
      <source>Enter the community.</source>
      <translation>请输入团体名。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/credential.py" line="53" />
      <location filename="../../ops_console/ui/pages/credentials.py" line="23" />
      <source>SNMPv3 user</source>
      <translation>SNMPv3 用户</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/credential.py" line="53" />
      <location filename="../../ops_console/ui/pages/credentials.py" line="25" />
      <source>Community (SNMP v1/v2c)</source>
      <translation>团体名（SNMP v1/v2c）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="62" />
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="90" />
      <source> s</source>
      <translation> 秒</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="191" />
      <source>Retire device</source>
      <translation>报废设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="202" />
      <source>Reason (required)</source>
      <translation>原因（必填）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="203" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="205" />
      <source>I understand this device will no longer be monitored</source>
      <translation>我知道此设备将不再被监测</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="210" />
      <source>Retire</source>
      <translation>报废</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="210" />
      <location filename="../../ops_console/ui/dialogs/form.py" line="203" />
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="137" />
      <location filename="../../ops_console/ui/pages/devices.py" line="396" />
      <location filename="../../ops_console/ui/pages/reports.py" line="110" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="62" />
      <source>Edit device</source>
      <translation>编辑设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="62" />
      <source>Add device</source>
      <translation>添加设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="101" />
      <source>Asset &amp;tag:</source>
      <translation>资产编号(&amp;T)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="103" />
      <source>Ca&amp;tegory:</source>
      <translation>类别(&amp;T)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="104" />
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="146" />
      <source>C&amp;ommunity:</source>
      <translation>社区(&amp;O)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="106" />
      <source>&amp;Location:</source>
      <translation>位置(&amp;L)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="107" />
      <source>&amp;Vendor:</source>
      <translation>厂商(&amp;V)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="108" />
      <source>&amp;Model:</source>
      <translation>型号(&amp;M)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="109" />
      <source>&amp;Serial:</source>
      <translation>序列号(&amp;S)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="110" />
      <source>&amp;Address:</source>
      <translation>地址(&amp;A)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="111" />
      <source>SNMP &amp;version:</source>
      <translation>SNMP 版本(&amp;V)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="112" />
      <source>SNMP &amp;port:</source>
      <translation>SNMP 端口(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="113" />
      <source>&amp;Credential name:</source>
      <translation>凭据名称(&amp;C)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="114" />
      <source>Poll &amp;interval:</source>
      <translation>轮询间隔(&amp;I)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="115" />
      <source>Installed on:</source>
      <translation>安装日期：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="116" />
      <source>Warranty ends:</source>
      <translation>保修截止：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="117" />
      <source>C&amp;riticality:</source>
      <translation>重要程度(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="118" />
      <source>Stat&amp;us:</source>
      <translation>状态(&amp;U)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="152" />
      <source>Asset tag is required.</source>
      <translation>资产编号为必填项。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="156" />
      <source>Name is required.</source>
      <translation>名称为必填项。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="158" />
      <source>Choose a category and a community.</source>
      <translation>请选择类别和社区。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="160" />
      <source>Address: not an IP address or host name.</source>
      <translation>地址：不是有效的 IP 地址或主机名。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="162" />
      <source>Address is required for SNMP polling.</source>
      <translation>SNMP 轮询需要填写地址。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="154" />
      <source>Asset tag: letters, digits and . _ / - only, at most 64.</source>
      <translation>资产编号：仅限字母、数字和 . _ / -，最多 64 个字符。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/device.py" line="195" />
      <source>Retire {tag} ({name})? It stays on record but is no longer polled.</source>
      <translation>报废 {tag}（{name}）？记录会保留，但不再轮询。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="44" />
      <source>Set up Ops Console</source>
      <translation>设置运维控制台</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="56" />
      <location filename="../../ops_console/ui/pages/settings.py" line="272" />
      <source>Embedded SQLite file (one computer)</source>
      <translation>内置 SQLite 文件（单机）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="57" />
      <location filename="../../ops_console/ui/pages/settings.py" line="273" />
      <source>PostgreSQL server (several people and pollers)</source>
      <translation>PostgreSQL 服务器（多人及多个轮询器）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="70" />
      <location filename="../../ops_console/ui/pages/settings.py" line="284" />
      <source>PostgreSQL URL</source>
      <translation>PostgreSQL 地址</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="71" />
      <location filename="../../ops_console/ui/pages/settings.py" line="292" />
      <source>&amp;Test connection</source>
      <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="77" />
      <location filename="../../ops_console/ui/pages/settings.py" line="301" />
      <source>Connection test result</source>
      <translation>连接测试结果</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="82" />
      <location filename="../../ops_console/ui/dialogs/login.py" line="49" />
      <source>&amp;User name:</source>
      <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="82" />
      <location filename="../../ops_console/ui/dialogs/login.py" line="49" />
      <location filename="../../ops_console/ui/pages/settings.py" line="460" />
      <source>User name</source>
      <translation>用户名</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="83" />
      <location filename="../../ops_console/ui/dialogs/login.py" line="50" />
      <source>&amp;Password:</source>
      <translation>密码(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="83" />
      <location filename="../../ops_console/ui/dialogs/login.py" line="50" />
      <source>Password</source>
      <translation>密码</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="84" />
      <source>&amp;Repeat:</source>
      <translation>确认密码(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="84" />
      <source>Repeat the password</source>
      <translation>再次输入密码</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="86" />
      <source>Also load the demo community (sample data for trying it out)</source>
      <translation>同时加载演示社区（供试用的示例数据）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="90" />
      <location filename="../../ops_console/ui/dialogs/form.py" line="200" />
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="94" />
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="110" />
      <source>Problems</source>
      <translation>问题</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="97" />
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="139" />
      <source>Create</source>
      <translation>创建</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="97" />
      <location filename="../../ops_console/ui/dialogs/login.py" line="72" />
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="45" />
      <source>Welcome to Ops Console</source>
      <translation>欢迎使用智慧社区运维控制台</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="48" />
      <source>No database is set up yet. Choose where Ops Console keeps its data and create the first administrator; you sign in with that account next.</source>
      <translation>尚未设置数据库。请选择运维控制台保存数据的位置，并创建第一个管理员账号；之后用该账号登录。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="114" />
      <source>PostgreSQL URL: it starts with postgresql://</source>
      <translation>PostgreSQL 地址：应以 postgresql:// 开头</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="55" />
      <location filename="../../ops_console/ui/pages/settings.py" line="60" />
      <source>Database</source>
      <translation>数据库</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="65" />
      <source>File: {path}</source>
      <translation>文件：{path}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/first_run.py" line="80" />
      <source>First administrator</source>
      <translation>第一个管理员</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/form.py" line="203" />
      <source>OK</source>
      <translation>确定</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/form.py" line="267" />
      <location filename="../../ops_console/ui/dialogs/passphrase.py" line="129" />
      <location filename="../../ops_console/ui/widgets.py" line="235" />
      <source>Something went wrong: {error}</source>
      <translation>出现错误：{error}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="55" />
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="74" />
      <source>Choose a device CSV</source>
      <translation>选择设备 CSV 文件</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="57" />
      <source>UTF-8, with the header row of the export. Nothing is imported until the last step.</source>
      <translation>UTF-8 编码，表头与导出文件相同。最后一步之前不会导入任何数据。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="61" />
      <source>CSV file</source>
      <translation>CSV 文件</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="63" />
      <source>&amp;Browse…</source>
      <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="74" />
      <location filename="../../ops_console/ui/pages/devices.py" line="338" />
      <source>CSV files (*.csv)</source>
      <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="89" />
      <source>Preview of the rows</source>
      <translation>行预览</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="103" />
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="105" />
      <source>Import progress</source>
      <translation>导入进度</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="131" />
      <source>Import devices</source>
      <translation>导入设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="134" />
      <source>&amp;Next &gt;</source>
      <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="135" />
      <source>&lt; &amp;Back</source>
      <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="136" />
      <source>&amp;Finish</source>
      <translation>完成(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="207" />
      <source>Importing…</source>
      <translation>正在导入…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="92" />
      <source>Problems (every bad line):</source>
      <translation>问题（所有出错的行）：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="179" />
      <source>Line</source>
      <translation>行</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="222" />
      <source>Imported: {c} created, {u} updated, {n} unchanged.</source>
      <translation>已导入：新建 {c} 个，更新 {u} 个，未变 {n} 个。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="69" />
      <source>Columns: {cols}</source>
      <translation>列：{cols}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="194" />
      <source>{n} rows read; {p} problems found in the file itself.</source>
      <translation>已读取 {n} 行；文件本身有 {p} 个问题。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="197" />
      <source>Showing the first 200 rows.</source>
      <translation>仅显示前 200 行。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/import_wizard.py" line="235" />
      <source>Nothing was imported: {n} problems. Fix the file and try again.</source>
      <translation>未导入任何数据：共 {n} 个问题。请修正文件后重试。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/login.py" line="43" />
      <source>Sign in — Ops Console</source>
      <translation>登录 — 运维控制台</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/login.py" line="53" />
      <source>Sign-in problem</source>
      <translation>登录问题</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/login.py" line="57" />
      <source>Signing in…</source>
      <translation>正在登录…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/login.py" line="61" />
      <source>Demo data is loaded: sign in as admin / admin1234, or as a demo user (for example wang.jianguo, chen.jing or zhang.wei) with demo1234.</source>
      <translation>已加载演示数据：请用 admin / admin1234 登录，或用演示用户（如 wang.jianguo、chen.jing、zhang.wei）及密码 demo1234 登录。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/login.py" line="72" />
      <source>Sign in</source>
      <translation>登录</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/login.py" line="44" />
      <source>Sign in to Ops Console</source>
      <translation>登录运维控制台</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/login.py" line="46" />
      <location filename="../../ops_console/ui/main_window.py" line="243" />
      <source>Database: {db}</source>
      <translation>数据库：{db}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/passphrase.py" line="52" />
      <source>Secrets — Ops Console</source>
      <translation>密钥 — 运维控制台</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/passphrase.py" line="62" />
      <source>Choose a passphrase of at least 8 characters and keep it safe.</source>
      <translation>请设定至少 8 个字符的口令并妥善保管。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/passphrase.py" line="64" />
      <source>Enter the passphrase that opens this file.</source>
      <translation>请输入能打开此文件的口令。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/passphrase.py" line="67" />
      <source>&amp;Passphrase:</source>
      <translation>口令(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/passphrase.py" line="67" />
      <source>Passphrase</source>
      <translation>口令</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/passphrase.py" line="73" />
      <source>Passphrase problem</source>
      <translation>口令问题</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/passphrase.py" line="77" />
      <source>Use the encrypted file</source>
      <translation>使用加密文件</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/passphrase.py" line="78" />
      <source>Not now</source>
      <translation>暂不</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/passphrase.py" line="93" />
      <source>The passphrase must have at least 8 characters.</source>
      <translation>口令至少需要 8 个字符。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/passphrase.py" line="95" />
      <source>The two passphrases differ.</source>
      <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/passphrase.py" line="133" />
      <source>This passphrase does not open the encrypted file.</source>
      <translation>此口令无法打开加密文件。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/passphrase.py" line="53" />
      <source>No OS keyring on this machine</source>
      <translation>本机没有操作系统密钥环</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/passphrase.py" line="55" />
      <source>The console found no usable operating-system keyring{found}. It keeps SNMP credentials and the key of residents' contacts in a file encrypted with a passphrase: {path}</source>
      <translation>控制台未找到可用的操作系统密钥环{found}。SNMP 凭据和居民联系方式的加密密钥将保存在一个用口令加密的文件中：{path}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/passphrase.py" line="70" />
      <source>&amp;Again:</source>
      <translation>再次(&amp;A)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/passphrase.py" line="70" />
      <source>Passphrase again</source>
      <translation>再次输入口令</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/passphrase.py" line="116" />
      <source>Checking…</source>
      <translation>正在验证…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="31" />
      <source>Each due date raises one work order per device, with the checklist in it; the poller raises them when due.</source>
      <translation>每个到期日为每台设备生成一张工单（附检查清单）；到期时由轮询服务自动生成。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="35" />
      <source>&amp;Save plan</source>
      <translation>保存计划(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="48" />
      <source>&amp;Applies to:</source>
      <translation>适用范围(&amp;A)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="56" />
      <source>&amp;Category:</source>
      <translation>设备类别(&amp;C)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="62" />
      <source>&amp;Device (asset tag):</source>
      <translation>设备（资产编号）(&amp;D)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="66" />
      <source>&amp;Schedule:</source>
      <translation>周期(&amp;S)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="72" />
      <source>&amp;Every (days):</source>
      <translation>间隔天数(&amp;E)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="75" />
      <source>Day of the &amp;month:</source>
      <translation>每月几号(&amp;M)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="78" />
      <source>29–31: the last day of shorter months</source>
      <translation>29–31 日：小月取当月最后一天</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="80" />
      <source>S&amp;tarts on:</source>
      <translation>开始日期(&amp;T)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="88" />
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="144" />
      <source>&amp;Priority:</source>
      <translation>优先级(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="91" />
      <source>Check&amp;list:</source>
      <translation>检查清单(&amp;L)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="92" />
      <source>One step per line</source>
      <translation>每行一个步骤</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="30" />
      <source>Edit preventive plan</source>
      <translation>编辑预防性维护计划</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="30" />
      <source>New preventive plan</source>
      <translation>新建预防性维护计划</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="110" />
      <source>Give the plan a name.</source>
      <translation>请填写计划名称。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="112" />
      <source>Enter the device's asset tag.</source>
      <translation>请填写设备的资产编号。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="44" />
      <source>e.g. monthly gate inspection</source>
      <translation>例如：门禁月度巡检</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="50" />
      <source>Every device of a category</source>
      <translation>某类设备的全部设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="50" />
      <source>One device</source>
      <translation>单台设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="68" />
      <source>Every N days</source>
      <translation>每 N 天</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="68" />
      <source>Monthly on a day</source>
      <translation>每月某日</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/plan.py" line="115" />
      <source>The checklist is too long (at most {n} characters).</source>
      <translation>检查清单过长（最多 {n} 个字符）。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="50" />
      <source>Plan a maintenance window</source>
      <translation>计划维护窗口</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="51" />
      <source>Alarms of the device or community are held back during the window.</source>
      <translation>维护窗口期间，该设备或社区的告警将暂不处理。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="52" />
      <source>&amp;Plan window</source>
      <translation>计划窗口(&amp;P)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="59" />
      <source>&amp;For:</source>
      <translation>对象(&amp;F)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="69" />
      <source>F&amp;rom:</source>
      <translation>开始(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="70" />
      <location filename="../../ops_console/ui/pages/reports.py" line="93" />
      <source>&amp;To:</source>
      <translation>截止(&amp;T)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="72" />
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="128" />
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="320" />
      <source>&amp;Reason:</source>
      <translation>原因(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="126" />
      <source>Record training</source>
      <translation>登记培训</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="127" />
      <source>The certificate's expiry follows from the course's validity.</source>
      <translation>证书有效期根据课程的有效期限自动计算。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="128" />
      <source>&amp;Save record</source>
      <translation>保存记录(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="132" />
      <source>&amp;Person:</source>
      <translation>人员(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="135" />
      <source>&amp;Course:</source>
      <translation>课程(&amp;C)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="140" />
      <source>Completed &amp;on:</source>
      <translation>完成日期(&amp;O)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="144" />
      <source>no score</source>
      <translation>无成绩</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="145" />
      <source>&amp;Score:</source>
      <translation>成绩(&amp;S)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="146" />
      <source>Certificate &amp;number:</source>
      <translation>证书编号(&amp;N)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="56" />
      <source>A whole community</source>
      <translation>整个社区</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="86" />
      <source>The end must come after the start.</source>
      <translation>结束时间必须晚于开始时间。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="92" />
      <source>Give a reason.</source>
      <translation>请填写原因。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="94" />
      <source>Choose a community.</source>
      <translation>请选择社区。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="152" />
      <source>Choose a person.</source>
      <translation>请选择人员。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="154" />
      <source>Choose a course.</source>
      <translation>请选择课程。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="156" />
      <source>The completion date is in the future.</source>
      <translation>完成日期不能晚于今天。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="73" />
      <source>e.g. firmware upgrade by the vendor</source>
      <translation>例如：厂商升级固件</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="58" />
      <source>This device ({tag})</source>
      <translation>本设备（{tag}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/planning.py" line="89" />
      <source>A window lasts at most {n} days; plan several.</source>
      <translation>一个窗口最长 {n} 天；请分成多个窗口。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="33" />
      <location filename="../../ops_console/ui/dialogs/users.py" line="128" />
      <location filename="../../ops_console/ui/dialogs/users.py" line="212" />
      <source>None ticked: every community</source>
      <translation>一个都不勾选：全部社区</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="62" />
      <source>None, or type a new one</source>
      <translation>无，或输入新单位名称</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="100" />
      <source>New user</source>
      <translation>新增用户</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="101" />
      <source>The person signs in with the login and this password and should change it. On a shared installation their own database login is created with them.</source>
      <translation>此人用登录名和这个密码登录，之后应自行修改密码。在共享安装中，会同时为其创建独立的数据库登录。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="105" />
      <source>&amp;Add user</source>
      <translation>新增用户(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="109" />
      <source>Full &amp;name:</source>
      <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="112" />
      <source>&amp;Login:</source>
      <translation>登录名(&amp;L)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="114" />
      <location filename="../../ops_console/ui/dialogs/users.py" line="205" />
      <source>&amp;Role:</source>
      <translation>角色(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="116" />
      <source>&amp;Organization:</source>
      <translation>所属单位(&amp;O)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="118" />
      <source>The firm, residents' committee or team the person works for (the SLA statement names it).</source>
      <translation>此人所属的公司、居委会或队伍（SLA 报表会列出单位名称）。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="122" />
      <source>&amp;Kind of organization:</source>
      <translation>单位类型(&amp;K)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="127" />
      <location filename="../../ops_console/ui/dialogs/users.py" line="210" />
      <source>&amp;Communities:</source>
      <translation>社区(&amp;C)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="129" />
      <source>Initial &amp;password:</source>
      <translation>初始密码(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="130" />
      <location filename="../../ops_console/ui/dialogs/users.py" line="238" />
      <source>Password a&amp;gain:</source>
      <translation>再次输入密码(&amp;G)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="200" />
      <source>A shared installation moves the person's database login with the role.</source>
      <translation>在共享安装中，此人的数据库登录会随角色一起变更。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="232" />
      <source>Tell the person the new password in person; it is never shown again.</source>
      <translation>请当面告知此人新密码；密码不会再次显示。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="233" />
      <source>&amp;Set password</source>
      <translation>设置密码(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="237" />
      <source>New &amp;password:</source>
      <translation>新密码(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="75" />
      <source>The two passwords differ.</source>
      <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="155" />
      <source>A new organization: it is added with the person.</source>
      <translation>新的单位：将与此用户一并添加。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="162" />
      <source>Enter the person's name.</source>
      <translation>请输入此人的姓名。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="164" />
      <source>Enter a login.</source>
      <translation>请输入登录名。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="208" />
      <source>You cannot change your own role.</source>
      <translation>不能修改自己的角色。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="73" />
      <source>The password needs at least {n} characters.</source>
      <translation>密码至少需要 {n} 个字符。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="109" />
      <source>e.g. 王建国</source>
      <translation>例如 王建国</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="199" />
      <source>Role and communities of {name}</source>
      <translation>{name} 的角色和社区</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/users.py" line="231" />
      <source>New password for {name}</source>
      <translation>为 {name} 设置新密码</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="138" />
      <source>New work order</source>
      <translation>新建工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="141" />
      <source>Record a resident's report or your own finding.</source>
      <translation>登记居民报修或您自己发现的问题。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="143" />
      <source>&amp;Channel:</source>
      <translation>渠道(&amp;C)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="147" />
      <source>&amp;Device (asset tag, optional):</source>
      <translation>设备（资产编号，可选）(&amp;D)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="148" />
      <source>&amp;Title:</source>
      <translation>标题(&amp;T)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="149" />
      <source>D&amp;escription:</source>
      <translation>描述(&amp;E)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="151" />
      <source>Resident's &amp;name:</source>
      <translation>居民姓名(&amp;N)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="152" />
      <source>Resident's p&amp;hone:</source>
      <translation>居民电话(&amp;H)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="222" />
      <source>Assign</source>
      <translation>派单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="224" />
      <source>Only technicians with a valid certificate for this device category are listed.</source>
      <translation>仅列出持有该设备类别有效证书的运维工程师。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="228" />
      <source>&amp;Technician:</source>
      <translation>运维工程师(&amp;T)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="232" />
      <source>Override &amp;reason:</source>
      <translation>越权原因(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="233" />
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="347" />
      <source>N&amp;ote:</source>
      <translation>备注(&amp;O)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="318" />
      <source>Hold</source>
      <translation>挂起</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="321" />
      <source>&amp;Details:</source>
      <translation>详情(&amp;D)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="343" />
      <source>Resolve</source>
      <translation>解决</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="345" />
      <source>&amp;Cause:</source>
      <translation>原因(&amp;C)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="346" />
      <source>&amp;Resolution:</source>
      <translation>处理方法(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="349" />
      <source>&amp;Labour (minutes):</source>
      <translation>工时（分钟）(&amp;L)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="378" />
      <source>Cancel order</source>
      <translation>取消工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="381" />
      <source>A reason is required.</source>
      <translation>原因为必填项。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="406" />
      <source>Verification &amp;note:</source>
      <translation>验收说明(&amp;N)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="407" />
      <source>&amp;Sign-off:</source>
      <translation>居民签认(&amp;S)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="408" />
      <source>Written &amp;reason:</source>
      <translation>书面理由(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="488" />
      <source>Reopen</source>
      <translation>重新打开</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="491" />
      <source>Say why the fix did not hold.</source>
      <translation>请说明问题为何未解决。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="495" />
      <source>The work order goes back to the technician; its resolution clock runs again.</source>
      <translation>工单退回运维工程师；解决时限重新开始计时。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="501" />
      <source>Add</source>
      <translation>添加</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="503" />
      <source>&amp;Part:</source>
      <translation>备件(&amp;P)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="504" />
      <source>&amp;Quantity:</source>
      <translation>数量(&amp;Q)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="507" />
      <source>&amp;Unit cost (¥):</source>
      <translation>单价（¥）(&amp;U)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="525" />
      <source>Someone else saved first</source>
      <translation>他人已先保存</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="526" />
      <source>This work order was changed by someone else while you were working on it.</source>
      <translation>您处理期间，此工单已被他人修改。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="528" />
      <source>Your change was not saved. The work order has been reloaded: check it and try again.</source>
      <translation>您的修改未保存。工单已重新加载：请核对后重试。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="154" />
      <source>The resident agrees that we store the contact for this repair</source>
      <translation>居民同意为本次维修保存其联系方式</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="230" />
      <source>Override: show technicians without a valid certificate</source>
      <translation>越权：显示没有有效证书的运维工程师</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="368" />
      <source>Say how it was fixed.</source>
      <translation>请说明处理方法。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="407" />
      <source>The resident signed the work off</source>
      <translation>居民已签字确认</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="517" />
      <source>Name the part.</source>
      <translation>请填写备件名称。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="160" />
      <source>A title is required.</source>
      <translation>标题为必填项。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="163" />
      <source>Ask for the resident's consent before storing the contact.</source>
      <translation>保存联系方式前须征得居民同意。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="221" />
      <source>Assign {number}</source>
      <translation>派单 {number}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="268" />
      <source>Reading the technicians' certificates…</source>
      <translation>正在读取技术员的证书…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="270" />
      <source>No certified technician covers this community.</source>
      <translation>没有持证运维工程师负责该社区。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="272" />
      <source>Write why you override the certification rule.</source>
      <translation>请填写越过持证规则的原因。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="318" />
      <source>Put {number} on hold</source>
      <translation>挂起 {number}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="325" />
      <source>Describe the reason.</source>
      <translation>请说明原因。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="343" />
      <source>Resolve {number}</source>
      <translation>解决 {number}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="377" />
      <source>Cancel {number}</source>
      <translation>取消 {number}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="401" />
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="423" />
      <source>Verify {number}</source>
      <translation>验收 {number}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="421" />
      <source>Close without verification</source>
      <translation>不经验收直接关闭</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="425" />
      <source>Check the fix, with the resident where you can, and say what you checked. If it did not hold, cancel and reopen the work order instead.</source>
      <translation>请核实维修结果（尽量与居民一起），并写明核实了什么。如果问题仍在，请取消并改为重新打开工单。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="430" />
      <source>Verify and close</source>
      <translation>验收并关闭</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="441" />
      <source>Say what you checked.</source>
      <translation>请写明核实了什么。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="487" />
      <source>Reopen {number}</source>
      <translation>重新打开 {number}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="501" />
      <source>Add a part to {number}</source>
      <translation>为 {number} 添加备件</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="440" />
      <source>A written reason is required.</source>
      <translation>必须填写书面理由。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="413" />
      <source>Close {number} without the liaison</source>
      <translation>不经联络员关闭 {number}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="415" />
      <source>The liaison of {community} verifies this work order. Closing it yourself is an override: it needs a written reason, is recorded in the audit log and is listed on the SLA statement.</source>
      <translation>此工单应由{community}的联络员验收。由您直接关闭属于越权关闭：需要书面理由，会记入审计日志，并列入 SLA 结算单。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/dialogs/workorder.py" line="245" />
      <location filename="../../ops_console/ui/models/workorders.py" line="278" />
      <location filename="../../ops_console/ui/pages/training.py" line="64" />
      <location filename="../../ops_console/ui/pages/users.py" line="87" />
      <location filename="../../ops_console/ui/pages/workorders.py" line="498" />
      <source>Login: {login}</source>
      <translation>登录名：{login}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/health_text.py" line="71" />
      <source>{metric} {value} below {threshold}</source>
      <translation>{metric}{value} 低于 {threshold}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/health_text.py" line="73" />
      <source>{metric} {value} above {threshold}</source>
      <translation>{metric}{value} 高于 {threshold}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/health_text.py" line="85" />
      <location filename="../../ops_console/ui/pages/dashboard.py" line="61" />
      <source>{health}: {causes}</source>
      <translation>{health}：{causes}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/health_text.py" line="41" />
      <source>{metric} ({table} {row})</source>
      <translation>{metric}（{table} {row}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/health_text.py" line="45" />
      <source>{metric} unreadable</source>
      <translation>{metric}无法读取</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/health_text.py" line="51" />
      <source>{metric}: {state}</source>
      <translation>{metric}：{state}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/health_text.py" line="67" />
      <source>{metric} {value} (threshold {threshold})</source>
      <translation>{metric}{value}（阈值 {threshold}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/health_text.py" line="42" />
      <source>row</source>
      <translation>行</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/health_text.py" line="84" />
      <location filename="../../ops_console/ui/health_text.py" line="122" />
      <source>{count} more</source>
      <translation>另有 {count} 项</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/health_text.py" line="86" />
      <source>; </source>
      <translation>；</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="72" />
      <source>New</source>
      <translation>新建</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="73" />
      <source>Assigned</source>
      <translation>已派单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="74" />
      <source>In progress</source>
      <translation>处理中</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="75" />
      <source>On hold</source>
      <translation>挂起</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="76" />
      <source>Resolved</source>
      <translation>已解决</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="78" />
      <source>Cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="96" />
      <source>Up</source>
      <translation>正常</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="97" />
      <source>Degraded</source>
      <translation>降级</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="98" />
      <source>Down</source>
      <translation>故障</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="99" />
      <source>Unknown</source>
      <translation>未知</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="102" />
      <source>In service</source>
      <translation>在用</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="103" />
      <source>Under maintenance</source>
      <translation>维护中</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="104" />
      <source>Retired</source>
      <translation>已报废</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="107" />
      <source>Low</source>
      <translation>低</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="108" />
      <source>Normal</source>
      <translation>一般</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="109" />
      <source>High</source>
      <translation>高</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="110" />
      <source>Life safety</source>
      <translation>生命安全</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="113" />
      <source>Compliance</source>
      <translation>合规性</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="114" />
      <source>Critical</source>
      <translation>严重</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="115" />
      <source>Warning</source>
      <translation>警告</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="118" />
      <source>Alarm</source>
      <translation>告警</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="119" />
      <location filename="../../ops_console/ui/i18n.py" line="157" />
      <source>Liaison</source>
      <translation>社区联络员</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="120" />
      <source>Resident (phone)</source>
      <translation>居民（电话）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="121" />
      <source>Resident (walk-in)</source>
      <translation>居民（上门）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="122" />
      <source>Resident (app)</source>
      <translation>居民（App）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="123" />
      <source>Preventive</source>
      <translation>预防性维护</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="125" />
      <source>Repair</source>
      <translation>维修</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="125" />
      <source>Inspection</source>
      <translation>巡检</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="125" />
      <source>Cleaning</source>
      <translation>清运</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="128" />
      <source>Before the repair</source>
      <translation>维修前</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="129" />
      <source>After the repair</source>
      <translation>维修后</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="130" />
      <source>Resident's sign-off</source>
      <translation>居民签字确认</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="131" />
      <location filename="../../ops_console/ui/i18n.py" line="139" />
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="134" />
      <source>Waiting for parts</source>
      <translation>等待备件</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="135" />
      <source>Resident not home</source>
      <translation>居民不在家</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="136" />
      <source>Access denied</source>
      <translation>无法进入</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="137" />
      <source>Waiting for approval</source>
      <translation>等待审批</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="138" />
      <source>Weather</source>
      <translation>天气原因</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="143" />
      <source>verified by the liaison</source>
      <translation>联络员已验收</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="144" />
      <source>verified, signed off by the resident</source>
      <translation>已验收，居民签字确认</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="145" />
      <source>closed without the liaison's verification (override)</source>
      <translation>未经联络员验收关闭（越权）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="148" />
      <source>Maintenance firm</source>
      <translation>运维公司</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="149" />
      <source>Residents' committee</source>
      <translation>社区居委会</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="150" />
      <source>Sub-district office</source>
      <translation>街道办事处</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="151" />
      <source>Collection team</source>
      <translation>环卫清运队</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="152" />
      <location filename="../../ops_console/ui/i18n.py" line="160" />
      <source>Auditor</source>
      <translation>审计员</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="156" />
      <source>Technician</source>
      <translation>运维工程师</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="158" />
      <source>Manager</source>
      <translation>经理</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="159" />
      <source>Administrator</source>
      <translation>管理员</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="163" />
      <source>Valid</source>
      <translation>有效</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="164" />
      <source>Expiring</source>
      <translation>即将到期</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="165" />
      <source>Expired</source>
      <translation>已过期</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="166" />
      <source>Missing</source>
      <translation>缺失</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="168" />
      <source>On track</source>
      <translation>正常</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="168" />
      <source>At risk</source>
      <translation>有风险</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="168" />
      <source>Breached</source>
      <translation>已违约</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="83" />
      <source>Assign…</source>
      <translation>派单…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="83" />
      <source>assign</source>
      <translation>派单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="84" />
      <source>Reassign…</source>
      <translation>改派…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="84" />
      <source>reassign</source>
      <translation>改派</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="85" />
      <source>Accept</source>
      <translation>接单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="85" />
      <source>accept</source>
      <translation>接单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="86" />
      <source>Hold…</source>
      <translation>挂起…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="86" />
      <source>put on hold</source>
      <translation>挂起</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="87" />
      <source>Resume</source>
      <translation>恢复</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="87" />
      <source>resume</source>
      <translation>恢复</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="88" />
      <source>Resolve…</source>
      <translation>解决…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="88" />
      <source>resolve</source>
      <translation>解决</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="89" />
      <source>Verify…</source>
      <translation>验收…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="89" />
      <source>close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="90" />
      <source>Reopen…</source>
      <translation>重新打开…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="90" />
      <source>reopen</source>
      <translation>重新打开</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="91" />
      <source>Cancel order…</source>
      <translation>取消工单…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="91" />
      <source>cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/i18n.py" line="185" />
      <source>Mandatory certificate missing or expired: {items}</source>
      <translation>必修证书缺失或已过期：{items}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/launch.py" line="222" />
      <location filename="../../ops_console/ui/launch.py" line="280" />
      <location filename="../../ops_console/ui/launch.py" line="303" />
      <location filename="../../ops_console/ui/notifications.py" line="54" />
      <location filename="../../ops_console/ui/widgets.py" line="236" />
      <location filename="../../ops_console/ui/widgets.py" line="244" />
      <source>Ops Console</source>
      <translation>运维控制台</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/launch.py" line="278" />
      <source>Connecting to the database…</source>
      <translation>正在连接数据库…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/launch.py" line="301" />
      <source>Opening the database…</source>
      <translation>正在打开数据库…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="128" />
      <source>Navigation</source>
      <translation>导航</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="169" />
      <source>Search</source>
      <translation>搜索</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="176" />
      <source>Global search</source>
      <translation>全局搜索</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="215" />
      <source>Search asset tag, device name or work order (Ctrl+F)</source>
      <translation>搜索资产编号、设备名称或工单号（Ctrl+F）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="398" />
      <source>starting</source>
      <translation>正在启动</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="399" />
      <location filename="../../ops_console/ui/pages/pollers.py" line="21" />
      <source>running</source>
      <translation>运行中</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="400" />
      <source>stopping</source>
      <translation>正在停止</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="401" />
      <location filename="../../ops_console/ui/models/plans.py" line="61" />
      <source>paused</source>
      <translation>已暂停</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="402" />
      <source>failed</source>
      <translation>失败</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="391" />
      <source>Pause poller</source>
      <translation>暂停轮询</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="391" />
      <source>Start poller</source>
      <translation>启动轮询</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="404" />
      <source>Poller: {state}</source>
      <translation>轮询：{state}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="214" />
      <source>Ops Console — {db}</source>
      <translation>运维控制台 — {db}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="236" />
      <source>Signed in: {name} ({role})</source>
      <translation>当前用户：{name}（{role}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="288" />
      <source>Your role is now {role}: the console shows what it may do</source>
      <translation>您的角色现为{role}：控制台按该角色显示可用功能</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="438" />
      <source>NOT encrypted</source>
      <translation>未加密</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="440" />
      <source>The connection to the database is not encrypted: use sslmode=verify-full</source>
      <translation>与数据库的连接未加密：请使用 sslmode=verify-full</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="463" />
      <source>Poller: not running</source>
      <translation>轮询器：未运行</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="406" />
      <source>last cycle {t}</source>
      <translation>上次轮询 {t}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="408" />
      <source>{ok} ok, {failed} failed</source>
      <translation>{ok} 台正常，{failed} 台失败</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="434" />
      <source>encrypted ({tls})</source>
      <translation>已加密（{tls}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="465" />
      <source>Poller: running since {t}</source>
      <translation>轮询器：自 {t} 起运行</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/main_window.py" line="467" />
      <source>Poller: stopped {t}</source>
      <translation>轮询器：于 {t} 停止</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/audit.py" line="31" />
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/audit.py" line="31" />
      <location filename="../../ops_console/ui/pages/audit.py" line="53" />
      <source>User</source>
      <translation>用户</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/audit.py" line="31" />
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/audit.py" line="31" />
      <source>Object</source>
      <translation>对象</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/audit.py" line="31" />
      <source>Change</source>
      <translation>变更</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/devices.py" line="30" />
      <source>Asset tag</source>
      <translation>资产编号</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/devices.py" line="31" />
      <location filename="../../ops_console/ui/pages/pollers.py" line="48" />
      <location filename="../../ops_console/ui/pages/settings.py" line="461" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/devices.py" line="32" />
      <source>Category</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/devices.py" line="33" />
      <location filename="../../ops_console/ui/models/workorders.py" line="40" />
      <location filename="../../ops_console/ui/pages/alarms.py" line="51" />
      <location filename="../../ops_console/ui/pages/care.py" line="28" />
      <location filename="../../ops_console/ui/pages/communities.py" line="15" />
      <location filename="../../ops_console/ui/pages/discovery.py" line="125" />
      <location filename="../../ops_console/ui/pages/settings.py" line="380" />
      <source>Community</source>
      <translation>社区</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/devices.py" line="34" />
      <source>Zone</source>
      <translation>区域</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/devices.py" line="35" />
      <source>Health</source>
      <translation>健康状态</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/devices.py" line="36" />
      <location filename="../../ops_console/ui/models/workorders.py" line="38" />
      <location filename="../../ops_console/ui/pages/sla.py" line="160" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/devices.py" line="37" />
      <source>Criticality</source>
      <translation>重要程度</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/devices.py" line="38" />
      <location filename="../../ops_console/ui/pages/discovery.py" line="33" />
      <source>Address</source>
      <translation>地址</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/devices.py" line="39" />
      <source>Last poll</source>
      <translation>最近轮询</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/plans.py" line="18" />
      <source>Plan</source>
      <translation>计划</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/plans.py" line="19" />
      <source>Applies to</source>
      <translation>适用范围</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/plans.py" line="20" />
      <source>Schedule</source>
      <translation>周期</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/plans.py" line="21" />
      <location filename="../../ops_console/ui/pages/care.py" line="26" />
      <location filename="../../ops_console/ui/pages/credentials.py" line="17" />
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/plans.py" line="22" />
      <location filename="../../ops_console/ui/models/workorders.py" line="37" />
      <location filename="../../ops_console/ui/pages/sla.py" line="159" />
      <location filename="../../ops_console/ui/pages/sla.py" line="180" />
      <source>Priority</source>
      <translation>优先级</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/plans.py" line="23" />
      <location filename="../../ops_console/ui/pages/care.py" line="25" />
      <location filename="../../ops_console/ui/pages/pollers.py" line="51" />
      <location filename="../../ops_console/ui/pages/users.py" line="19" />
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/plans.py" line="24" />
      <source>Next due</source>
      <translation>下次到期</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/plans.py" line="25" />
      <source>Last generated</source>
      <translation>最近生成</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/plans.py" line="26" />
      <source>Orders</source>
      <translation>工单数</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/plans.py" line="35" />
      <source>monthly on day {day}</source>
      <translation>每月 {day} 日</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/plans.py" line="34" />
      <source>every {n} days</source>
      <translation>每 {n} 天</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/plans.py" line="61" />
      <location filename="../../ops_console/ui/pages/users.py" line="84" />
      <source>active</source>
      <translation>启用</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/plans.py" line="53" />
      <source>{category} (all)</source>
      <translation>{category}（全部）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/workorders.py" line="36" />
      <location filename="../../ops_console/ui/pages/sla.py" line="158" />
      <location filename="../../ops_console/ui/pages/sla.py" line="179" />
      <source>Number</source>
      <translation>工单号</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/workorders.py" line="39" />
      <location filename="../../ops_console/ui/pages/sla.py" line="161" />
      <source>Title</source>
      <translation>标题</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/workorders.py" line="41" />
      <source>Assignee</source>
      <translation>负责人</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/workorders.py" line="42" />
      <source>Response SLA</source>
      <translation>响应时限</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/workorders.py" line="43" />
      <source>Resolution SLA</source>
      <translation>解决时限</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/workorders.py" line="44" />
      <source>Created</source>
      <translation>创建时间</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/models/workorders.py" line="183" />
      <source>Business time left or late, on the contract's working calendar</source>
      <translation>按合同工作日历计算的剩余或超时工作时间</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/notifications.py" line="235" />
      <source>P1 alarms</source>
      <translation>P1 告警</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/notifications.py" line="239" />
      <source>response</source>
      <translation>响应</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/notifications.py" line="239" />
      <source>resolution</source>
      <translation>解决</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/notifications.py" line="249" />
      <source>SLA breaches</source>
      <translation>SLA 违约</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/notifications.py" line="143" />
      <source>Care alert: {kind}</source>
      <translation>关怀告警：{kind}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/notifications.py" line="214" />
      <source>Poller stopped: {name}</source>
      <translation>轮询器已停止：{name}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/notifications.py" line="229" />
      <source>P1 alarm: {device}</source>
      <translation>P1 告警：{device}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/notifications.py" line="235" />
      <source>{n} more new P1 alarms</source>
      <translation>另有 {n} 条新的 P1 告警</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/notifications.py" line="241" />
      <source>SLA breached: {number}</source>
      <translation>SLA 已违约：{number}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/notifications.py" line="242" />
      <source>{number} ({priority}) missed its {target} target: {title}</source>
      <translation>{number}（{priority}）未达到{target}时限：{title}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/notifications.py" line="249" />
      <source>{n} more SLA breaches</source>
      <translation>另有 {n} 项 SLA 违约</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/alarms.py" line="36" />
      <source>&amp;Acknowledge</source>
      <translation>确认(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/alarms.py" line="38" />
      <source>Open &amp;work order</source>
      <translation>打开工单(&amp;W)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/alarms.py" line="40" />
      <source>An alarm opens after repeated failed polls and clears after good ones.</source>
      <translation>连续多次轮询失败才会产生告警，恢复正常若干次后自动清除。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/alarms.py" line="44" />
      <source>Open alarms only</source>
      <translation>仅显示未清除的告警</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/alarms.py" line="46" />
      <location filename="../../ops_console/ui/pages/device_detail.py" line="172" />
      <location filename="../../ops_console/ui/pages/index.py" line="79" />
      <source>Alarms</source>
      <translation>告警</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/alarms.py" line="80" />
      <source>No alarms — all devices healthy</source>
      <translation>没有告警 — 所有设备运行正常</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/alarms.py" line="81" />
      <source>Alarms appear here when a device keeps failing its polls.</source>
      <translation>设备持续轮询失败时，告警会显示在这里。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/alarms.py" line="48" />
      <source>Opened</source>
      <translation>发生时间</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/alarms.py" line="49" />
      <source>Severity</source>
      <translation>级别</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/alarms.py" line="50" />
      <location filename="../../ops_console/ui/pages/device_detail.py" line="118" />
      <location filename="../../ops_console/ui/pages/index.py" line="128" />
      <source>Device</source>
      <translation>设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/alarms.py" line="52" />
      <source>Message</source>
      <translation>信息</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/alarms.py" line="53" />
      <source>Work order</source>
      <translation>工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/alarms.py" line="54" />
      <source>Cleared</source>
      <translation>清除时间</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/alarms.py" line="55" />
      <location filename="../../ops_console/ui/pages/care.py" line="32" />
      <source>Acknowledged</source>
      <translation>确认人</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/audit.py" line="43" />
      <source>&amp;Verify chain</source>
      <translation>校验哈希链(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/audit.py" line="45" />
      <source>Every change, chained by hashes: an edited or deleted entry breaks the chain.</source>
      <translation>每次变更都以哈希链相连：任何条目被修改或删除都会使链条断裂。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/audit.py" line="49" />
      <source>Verification result</source>
      <translation>校验结果</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/audit.py" line="55" />
      <source>Every kind of object</source>
      <translation>全部对象类型</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/audit.py" line="59" />
      <source>Every action</source>
      <translation>全部操作</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/audit.py" line="76" />
      <source>&amp;Apply filters</source>
      <translation>应用筛选(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/audit.py" line="84" />
      <source>Audit entries</source>
      <translation>审计条目</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/audit.py" line="92" />
      <source>Entry details</source>
      <translation>条目详情</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/audit.py" line="94" />
      <source>Select an entry to see every changed field and the record as it was hashed.</source>
      <translation>选择一条记录，查看每个变更字段以及参与哈希计算的原始记录。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/audit.py" line="179" />
      <source>Verifying…</source>
      <translation>正在校验…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/audit.py" line="64" />
      <source>User filter</source>
      <translation>用户筛选</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/audit.py" line="65" />
      <source>Object filter</source>
      <translation>对象筛选</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/audit.py" line="66" />
      <source>Action filter</source>
      <translation>操作筛选</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/audit.py" line="197" />
      <source>✔ The chain is intact: {n} entries checked. Fingerprint: {fp}</source>
      <translation>✔ 哈希链完整：已校验 {n} 条。指纹：{fp}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/audit.py" line="206" />
      <source>✘ The chain is broken at entry {id}: {problem}</source>
      <translation>✘ 哈希链在第 {id} 条断裂：{problem}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/audit.py" line="201" />
      <source>(entries 1–{n} are archived in files)</source>
      <translation>（第 1–{n} 条已归档到文件）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/care.py" line="27" />
      <source>Raised</source>
      <translation>发生时间</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/care.py" line="29" />
      <source>Building</source>
      <translation>楼栋</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/care.py" line="30" />
      <source>Location</source>
      <translation>位置</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/care.py" line="31" />
      <source>Band</source>
      <translation>手环</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/care.py" line="33" />
      <source>Outcome</source>
      <translation>处置结果</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/care.py" line="45" />
      <location filename="../../ops_console/ui/pages/workorders.py" line="504" />
      <source>(hidden)</source>
      <translation>（已隐藏）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/care.py" line="76" />
      <source>&amp;Acknowledge…</source>
      <translation>确认(&amp;A)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/care.py" line="77" />
      <source>&amp;Close with outcome…</source>
      <translation>填写结果并关闭(&amp;C)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/care.py" line="79" />
      <source>Wristband SOS, fall and removal alerts of elderly residents: open ones first. They are people, not devices: never a repair work order.</source>
      <translation>老年居民智能手环的 SOS 求助、跌倒和摘除告警，未处理的排在前面。这是关于人的告警，不是设备故障，绝不会生成维修工单。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/care.py" line="86" />
      <source>Open alerts only</source>
      <translation>只看未关闭的告警</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/care.py" line="90" />
      <location filename="../../ops_console/ui/pages/index.py" line="81" />
      <source>Care alerts</source>
      <translation>关怀告警</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/care.py" line="116" />
      <source>No open care alerts</source>
      <translation>没有未关闭的关怀告警</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/care.py" line="116" />
      <source>SOS, fall and removal alerts appear here.</source>
      <translation>SOS 求助、跌倒和手环摘除告警会显示在这里。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/care.py" line="136" />
      <source>{n} open</source>
      <translation>{n} 条未关闭</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/communities.py" line="15" />
      <source>English name</source>
      <translation>英文名称</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/communities.py" line="15" />
      <source>Time zone</source>
      <translation>时区</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/communities.py" line="15" />
      <source>Office phone</source>
      <translation>办公室电话</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/communities.py" line="15" />
      <source>Zones</source>
      <translation>区域</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/communities.py" line="36" />
      <source>The communities the console serves and their zones (buildings, gates, plant rooms). A zone can be added to a community at any time.</source>
      <translation>本控制台服务的社区及其区域（楼栋、出入口、机房）。可随时为社区新增区域。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/communities.py" line="41" />
      <location filename="../../ops_console/ui/pages/contracts.py" line="16" />
      <location filename="../../ops_console/ui/pages/index.py" line="94" />
      <location filename="../../ops_console/ui/pages/settings.py" line="63" />
      <location filename="../../ops_console/ui/pages/settings.py" line="464" />
      <location filename="../../ops_console/ui/pages/users.py" line="19" />
      <source>Communities</source>
      <translation>社区</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/communities.py" line="43" />
      <source>&amp;New community…</source>
      <translation>新增社区(&amp;N)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/communities.py" line="44" />
      <source>Add &amp;zone…</source>
      <translation>新增区域(&amp;Z)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/communities.py" line="45" />
      <source>Office &amp;phone…</source>
      <translation>办公室电话(&amp;P)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/contracts.py" line="16" />
      <source>Code</source>
      <translation>编号</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/contracts.py" line="16" />
      <location filename="../../ops_console/ui/pages/sla.py" line="129" />
      <source>Contract</source>
      <translation>合同</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/contracts.py" line="16" />
      <source>Firm</source>
      <translation>维保单位</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/contracts.py" line="16" />
      <source>Period</source>
      <translation>合同期</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/contracts.py" line="16" />
      <source>SLA policy</source>
      <translation>SLA 策略</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/contracts.py" line="39" />
      <source>Contracts and their SLA policies. Import a contract file to add one or to change its terms: the preview says what will change before anything is saved.</source>
      <translation>合同及其 SLA 策略。导入合同文件可新增合同或修改条款：保存之前，预览会列出将要发生的变化。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/contracts.py" line="44" />
      <location filename="../../ops_console/ui/pages/index.py" line="102" />
      <source>Contracts</source>
      <translation>合同</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/contracts.py" line="47" />
      <source>&amp;Import contract…</source>
      <translation>导入合同(&amp;I)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/contracts.py" line="64" />
      <source>Contract {code} imported; SLA policy version {v} in force.</source>
      <translation>合同 {code} 已导入；SLA 策略版本 {v} 生效。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/credentials.py" line="17" />
      <location filename="../../ops_console/ui/pages/discovery.py" line="73" />
      <source>Credential</source>
      <translation>凭据</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/credentials.py" line="17" />
      <source>Stored</source>
      <translation>保存情况</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/credentials.py" line="17" />
      <location filename="../../ops_console/ui/pages/dashboard.py" line="173" />
      <location filename="../../ops_console/ui/pages/devices.py" line="115" />
      <location filename="../../ops_console/ui/pages/index.py" line="78" />
      <location filename="../../ops_console/ui/pages/pollers.py" line="52" />
      <source>Devices</source>
      <translation>设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/credentials.py" line="31" />
      <source>not stored through the console</source>
      <translation>未通过本控制台保存</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/credentials.py" line="32" />
      <source>set on {date} by {name}</source>
      <translation>于 {date} 由 {name} 设置</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/credentials.py" line="56" />
      <source>The SNMP credentials devices are polled with. Secrets are entered here and kept in the secret store; they are never shown again, only when and by whom each was stored.</source>
      <translation>轮询设备所用的 SNMP 凭据。密钥在此录入并存入密钥库，之后不再显示，只显示何时由谁保存。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/credentials.py" line="62" />
      <source>SNMP credentials</source>
      <translation>SNMP 凭据</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/credentials.py" line="64" />
      <source>&amp;Store credential…</source>
      <translation>保存凭据(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/credentials.py" line="65" />
      <source>&amp;Replace…</source>
      <translation>替换(&amp;R)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/credentials.py" line="23" />
      <source>SNMPv3 user {user}</source>
      <translation>SNMPv3 用户 {user}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/credentials.py" line="86" />
      <source>Credential {name} stored in {where}.</source>
      <translation>凭据 {name} 已保存到 {where}。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="130" />
      <source>Gate manual passage working at {ok} of {total} gates ({n} not checked)</source>
      <translation>门禁人工通道正常：{ok}/{total} 台（{n} 台未检测）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="318" />
      <source>n/a</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="132" />
      <source>Gate manual passage not checked yet</source>
      <translation>门禁人工通道尚未检测</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="150" />
      <source>Device health, alarms, work orders and SLA at a glance.</source>
      <translation>设备健康、告警、工单和 SLA 一览。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="153" />
      <location filename="../../ops_console/ui/pages/pollers.py" line="42" />
      <source>Poller alarms</source>
      <translation>轮询器告警</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="158" />
      <location filename="../../ops_console/ui/pages/dashboard.py" line="159" />
      <source>Open care alerts</source>
      <translation>未关闭的关怀告警</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="191" />
      <source>SLA at risk</source>
      <translation>SLA 有风险</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="192" />
      <source>SLA breached</source>
      <translation>SLA 已违约</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="208" />
      <location filename="../../ops_console/ui/pages/workorders.py" line="112" />
      <source>Awaiting verification</source>
      <translation>待验收</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="210" />
      <source>Resolved work orders waiting for the liaison of their community to verify them</source>
      <translation>已解决、等待所在社区联络员验收的工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="221" />
      <source>Alarms and work orders per day</source>
      <translation>每日告警与工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="125" />
      <source>Gate manual passage FAILING at {n} gates</source>
      <translation>{n} 个门禁的人工通道故障</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="128" />
      <source>Gate manual passage working</source>
      <translation>门禁人工通道正常</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="181" />
      <source>Open alarms, work orders and SLA</source>
      <translation>未清除告警、未完成工单与 SLA</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="215" />
      <source>Health by community</source>
      <translation>各社区健康状况</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="219" />
      <source>Alarms and work orders per day (30 days)</source>
      <translation>每日告警与工单（30 天）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="308" />
      <source>Open care alerts ({n} not acknowledged)</source>
      <translation>未关闭的关怀告警（{n} 条未确认）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="342" />
      <source>Alarms opened</source>
      <translation>新增告警</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="346" />
      <source>Work orders created</source>
      <translation>新建工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="383" />
      <source>{n} devices</source>
      <translation>{n} 台设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="186" />
      <source>{severity} alarms</source>
      <translation>{severity}告警</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="201" />
      <source>Open {p}</source>
      <translation>未完成 {p}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="357" />
      <source>{community}: awaiting verification</source>
      <translation>{community}：待验收</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/dashboard.py" line="386" />
      <source>{n} retired, not counted</source>
      <translation>另有 {n} 台已报废，不计入</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="59" />
      <source>6 h</source>
      <translation>6 小时</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="60" />
      <source>24 h</source>
      <translation>24 小时</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="61" />
      <source>7 days</source>
      <translation>7 天</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="62" />
      <source>30 days</source>
      <translation>30 天</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="118" />
      <source>Choose a device on the Devices page.</source>
      <translation>请在“设备”页选择一台设备。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="119" />
      <source>← &amp;Devices</source>
      <translation>← 设备(&amp;D)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="146" />
      <source>Metric</source>
      <translation>指标</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="161" />
      <source>No history yet</source>
      <translation>暂无历史数据</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="162" />
      <source>Samples appear once the poller has polled this device.</source>
      <translation>轮询器采集此设备后即显示数据。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="173" />
      <location filename="../../ops_console/ui/pages/index.py" line="83" />
      <location filename="../../ops_console/ui/pages/workorders.py" line="148" />
      <source>Work orders</source>
      <translation>工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="174" />
      <source>Maintenance windows</source>
      <translation>维护窗口</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="261" />
      <source>never</source>
      <translation>从未</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="279" />
      <source>No alarms for this device.</source>
      <translation>此设备没有告警。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="284" />
      <source>No maintenance windows.</source>
      <translation>没有维护窗口。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="293" />
      <source>No work orders for this device.</source>
      <translation>此设备没有工单。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="129" />
      <source>Health:</source>
      <translation>健康状态：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="130" />
      <source>Category:</source>
      <translation>类别：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="131" />
      <location filename="../../ops_console/ui/pages/workorders.py" line="246" />
      <source>Location:</source>
      <translation>位置：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="132" />
      <source>Address:</source>
      <translation>地址：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="133" />
      <source>Vendor / model:</source>
      <translation>厂商 / 型号：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="134" />
      <location filename="../../ops_console/ui/pages/workorders.py" line="243" />
      <source>Status:</source>
      <translation>状态：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="135" />
      <source>Criticality:</source>
      <translation>重要程度：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="136" />
      <source>Last poll:</source>
      <translation>最近轮询：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/device_detail.py" line="137" />
      <source>Last error:</source>
      <translation>最近错误：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="62" />
      <source>&amp;Add…</source>
      <translation>添加(&amp;A)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="64" />
      <location filename="../../ops_console/ui/pages/plans.py" line="25" />
      <source>&amp;Edit…</source>
      <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="65" />
      <source>&amp;Retire…</source>
      <translation>报废(&amp;R)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="66" />
      <source>&amp;Import CSV…</source>
      <translation>导入 CSV(&amp;I)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="67" />
      <source>E&amp;xport CSV…</source>
      <translation>导出 CSV(&amp;X)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="69" />
      <source>&amp;Maintenance…</source>
      <translation>维护窗口(&amp;M)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="74" />
      <source>Plan a maintenance window for the selected device or a community</source>
      <translation>为所选设备或某个社区计划维护窗口</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="76" />
      <source>&amp;Poll now</source>
      <translation>立即轮询(&amp;P)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="78" />
      <source>Poll the selected device now, or every device of the chosen community</source>
      <translation>立即轮询所选设备，或所选社区的全部设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="81" />
      <source>Every device you may see; double-click one for its detail.</source>
      <translation>您可查看的全部设备；双击查看详情。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="95" />
      <location filename="../../ops_console/ui/pages/workorders.py" line="129" />
      <source>Community filter</source>
      <translation>社区筛选</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="97" />
      <source>Category filter</source>
      <translation>类别筛选</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="99" />
      <source>Health filter</source>
      <translation>健康状态筛选</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="102" />
      <source>Filter by tag, name, zone, address, cause…</source>
      <translation>按编号、名称、区域、地址、原因筛选…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="103" />
      <source>Text filter</source>
      <translation>文本筛选</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="124" />
      <source>Loading devices…</source>
      <translation>正在加载设备…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="147" />
      <location filename="../../ops_console/ui/pages/workorders.py" line="121" />
      <source>All communities</source>
      <translation>全部社区</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="148" />
      <source>All categories</source>
      <translation>全部类别</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="149" />
      <source>Any health</source>
      <translation>全部健康状态</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="338" />
      <source>Export devices</source>
      <translation>导出设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="398" />
      <source>Poll now</source>
      <translation>立即轮询</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="217" />
      <source>No devices yet</source>
      <translation>还没有设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="218" />
      <source>Add a device or import a CSV to start monitoring.</source>
      <translation>添加设备或导入 CSV 即可开始监测。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="228" />
      <source>{shown} of {total} devices</source>
      <translation>{shown} / {total} 台设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="236" />
      <source>(loading the rest…)</source>
      <translation>（正在加载其余设备…）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="394" />
      <source>all communities</source>
      <translation>全部社区</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="223" />
      <source>No device matches the filter</source>
      <translation>没有符合筛选条件的设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="223" />
      <source>Clear the filters to see every device.</source>
      <translation>清除筛选条件即可查看全部设备。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="377" />
      <source>Maintenance window planned.</source>
      <translation>维护窗口已计划。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="396" />
      <source>Polling {what}…</source>
      <translation>正在轮询 {what}…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="430" />
      <source>Polled {n} devices: {ok} ok, {failed} failed, {samples} samples.</source>
      <translation>已轮询 {n} 台设备：{ok} 台正常，{failed} 台失败，{samples} 个采样。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="232" />
      <source>{counted} in health figures, {retired} retired</source>
      <translation>{counted} 台计入健康统计，{retired} 台已报废</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="348" />
      <source>Exported {n} devices to {path}.</source>
      <translation>已导出 {n} 台设备到 {path}。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/devices.py" line="434" />
      <source>{n} left to the running pollers that hold them.</source>
      <translation>另有 {n} 台设备由正在运行的轮询器持有，留给它们轮询。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="33" />
      <source>Suggested</source>
      <translation>建议类别</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="33" />
      <source>Known as</source>
      <translation>已登记为</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="33" />
      <source>sysObjectID</source>
      <translation>sysObjectID</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="33" />
      <source>sysDescr</source>
      <translation>sysDescr</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="56" />
      <source>Sweep an address range for SNMP devices. Nothing is added by the sweep: tick the devices to add, choose their community, then add them.</source>
      <translation>扫描一个地址段中的 SNMP 设备。扫描本身不会添加任何设备：勾选要添加的设备，选择所属社区，再添加。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="61" />
      <source>Devices found</source>
      <translation>发现的设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="71" />
      <source>Address range</source>
      <translation>地址段</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="87" />
      <source> /s</source>
      <translation> 次/秒</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="88" />
      <source>Address &amp;range (CIDR):</source>
      <translation>地址段（CIDR）(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="106" />
      <source>%v of %m addresses</source>
      <translation>%v / %m 个地址</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="108" />
      <source>Progress</source>
      <translation>进度</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="109" />
      <source>&amp;Scan</source>
      <translation>扫描(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="112" />
      <source>&amp;Cancel scan</source>
      <translation>取消扫描(&amp;C)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="128" />
      <source>&amp;Add ticked devices</source>
      <translation>添加勾选的设备(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="94" />
      <source>Version:</source>
      <translation>版本：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="95" />
      <source>Port:</source>
      <translation>端口：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="96" />
      <source>Rate:</source>
      <translation>速率：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="102" />
      <source>Credential:</source>
      <translation>凭据：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="126" />
      <source>Add to:</source>
      <translation>添加到：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="175" />
      <source>Enter an address range, e.g. 192.168.10.0/24.</source>
      <translation>请输入地址段，例如 192.168.10.0/24。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="226" />
      <source>Scan cancelled: nothing was added.</source>
      <translation>扫描已取消：没有添加任何设备。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="181" />
      <source>Scanning {cidr}…</source>
      <translation>正在扫描 {cidr}…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="208" />
      <source>{found} answered; {new} can be added: tick them below.</source>
      <translation>{found} 台设备应答；其中 {new} 台可以添加：请在下方勾选。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/discovery.py" line="260" />
      <source>{n} devices added to {community}: {tags}</source>
      <translation>已向 {community} 添加 {n} 台设备：{tags}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/index.py" line="77" />
      <source>Dashboard</source>
      <translation>仪表盘</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/index.py" line="82" />
      <location filename="../../ops_console/ui/pages/pollers.py" line="46" />
      <source>Pollers</source>
      <translation>轮询器</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/index.py" line="84" />
      <source>Plans</source>
      <translation>维护计划</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/index.py" line="85" />
      <source>SLA</source>
      <translation>SLA</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/index.py" line="86" />
      <source>Training</source>
      <translation>培训</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/index.py" line="87" />
      <source>Reports</source>
      <translation>报表</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/index.py" line="88" />
      <source>Audit</source>
      <translation>审计</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/index.py" line="89" />
      <location filename="../../ops_console/ui/pages/settings.py" line="458" />
      <location filename="../../ops_console/ui/pages/settings.py" line="65" />
      <location filename="../../ops_console/ui/pages/users.py" line="56" />
      <source>Users</source>
      <translation>用户</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/index.py" line="110" />
      <source>Credentials</source>
      <translation>凭据</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/index.py" line="119" />
      <source>Discovery</source>
      <translation>设备发现</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/index.py" line="123" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/plans.py" line="23" />
      <source>&amp;New plan…</source>
      <translation>新建计划(&amp;N)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/plans.py" line="26" />
      <location filename="../../ops_console/ui/pages/plans.py" line="71" />
      <source>&amp;Pause</source>
      <translation>暂停(&amp;P)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/plans.py" line="27" />
      <source>&amp;Raise due orders now</source>
      <translation>立即生成到期工单(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/plans.py" line="29" />
      <source>Preventive maintenance: each due date raises one inspection or cleaning order per device, never twice; a paused plan raises none.</source>
      <translation>预防性维护：每个到期日为每台设备生成一张巡检或清洁工单，绝不重复；已暂停的计划不生成工单。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/plans.py" line="40" />
      <source>Preventive plans</source>
      <translation>预防性维护计划</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/plans.py" line="71" />
      <source>&amp;Resume</source>
      <translation>恢复(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/plans.py" line="112" />
      <source>{n} preventive work orders raised.</source>
      <translation>已生成 {n} 张预防性维护工单。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/pollers.py" line="22" />
      <source>late</source>
      <translation>延迟</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/pollers.py" line="23" />
      <source>dead</source>
      <translation>已停止响应</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/pollers.py" line="24" />
      <source>stopped</source>
      <translation>已停止</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/pollers.py" line="36" />
      <source>The pollers sharing the devices: a poller silent for 30 s is dead and the others take its devices over.</source>
      <translation>共同分担设备的轮询器：30 秒无心跳即视为停止，其设备由其他轮询器接管。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/pollers.py" line="49" />
      <source>Host</source>
      <translation>主机</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/pollers.py" line="50" />
      <source>Scope</source>
      <translation>范围</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/pollers.py" line="53" />
      <source>Last heartbeat</source>
      <translation>最近心跳</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/pollers.py" line="54" />
      <source>Last cycle</source>
      <translation>最近一轮</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/pollers.py" line="78" />
      <source>every device</source>
      <translation>全部设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/pollers.py" line="82" />
      <source>{n} results, {rate}/s</source>
      <translation>{n} 个结果，{rate}/秒</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="47" />
      <source>SLA compliance and penalties</source>
      <translation>SLA 达标率与违约金</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="48" />
      <source>Maintenance work</source>
      <translation>维护工作</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="49" />
      <source>Device availability</source>
      <translation>设备可用率</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="50" />
      <location filename="../../ops_console/ui/pages/training.py" line="125" />
      <source>Training matrix</source>
      <translation>培训矩阵</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="51" />
      <source>Audit log</source>
      <translation>审计日志</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="69" />
      <source>PDF reports for the sub-district and the firm; generated in the background.</source>
      <translation>面向街道和运维公司的 PDF 报表；在后台生成。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="84" />
      <source>Every community I see</source>
      <translation>我可查看的全部社区</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="101" />
      <source>With before/after &amp;photos</source>
      <translation>附加维修前后照片(&amp;P)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="102" />
      <source>Thumbnails of the photos attached to each work order</source>
      <translation>每张工单附加照片的缩略图</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="108" />
      <source>&amp;Generate</source>
      <translation>生成(&amp;G)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="111" />
      <source>&amp;Save PDF…</source>
      <translation>保存 PDF(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="112" />
      <source>&amp;Print…</source>
      <translation>打印(&amp;P)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="120" />
      <source>Report progress</source>
      <translation>报表进度</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="126" />
      <source>Report preview</source>
      <translation>报表预览</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="269" />
      <source>Generating…</source>
      <translation>正在生成…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="303" />
      <source>Cancelled; nothing was written.</source>
      <translation>已取消；未写入任何文件。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="337" />
      <source>Save report</source>
      <translation>保存报表</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="337" />
      <source>PDF files (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="429" />
      <source>Stopping after the page being printed…</source>
      <translation>正在打印的这一页完成后停止……</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="91" />
      <source>&amp;Report:</source>
      <translation>报表(&amp;R)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="92" />
      <source>&amp;From:</source>
      <translation>起始(&amp;F)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="94" />
      <source>&amp;Scope:</source>
      <translation>范围(&amp;S)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="95" />
      <source>&amp;Language:</source>
      <translation>语言(&amp;L)：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="131" />
      <source>No report yet</source>
      <translation>还没有报表</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="131" />
      <source>Choose a report and press Generate.</source>
      <translation>选择报表后点击“生成”。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="413" />
      <source>Printing page {page} of {total}…</source>
      <translation>正在打印第 {page} 页，共 {total} 页……</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="483" />
      <source>Printing failed at page {page} of {total}: {reason}.</source>
      <translation>打印在第 {page} 页（共 {total} 页）失败：{reason}。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="362" />
      <source>Saved {path}.</source>
      <translation>已保存 {path}。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="433" />
      <source>Printing failed: {error}</source>
      <translation>打印失败：{error}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="474" />
      <source>Printing failed, nothing was printed: cannot open {printer}.</source>
      <translation>打印失败，未打印任何内容：无法打开 {printer}。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="478" />
      <source>the page cannot be read ({path}); generate the report again</source>
      <translation>无法读取该页（{path}），请重新生成报表</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="482" />
      <source>{printer} refused it</source>
      <translation>{printer} 拒绝了该页</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="180" />
      <source>Community {name}</source>
      <translation>社区 {name}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="182" />
      <source>Contract {code}</source>
      <translation>合同 {code}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="311" />
      <source>{pages} pages ready.</source>
      <translation>共 {pages} 页，已生成。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="315" />
      <source>(No preview: poppler's pdftoppm is not installed.)</source>
      <translation>（无法预览：未安装 poppler 的 pdftoppm。）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="367" />
      <source>Cannot save {path}: {error}</source>
      <translation>无法保存 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="446" />
      <source>Printed {total} pages.</source>
      <translation>已打印 {total} 页。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="449" />
      <source>Printing cancelled after {printed} of {total} pages; the job was withdrawn.</source>
      <translation>已在打印 {printed} 页（共 {total} 页）后取消，打印任务已撤回。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="455" />
      <source>Printing cancelled after {printed} of {total} pages; the unfinished file was deleted.</source>
      <translation>已在打印 {printed} 页（共 {total} 页）后取消，未完成的文件已删除。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/reports.py" line="462" />
      <source>Printing cancelled after {printed} of {total} pages; this printer cannot withdraw a job, so those pages may still print.</source>
      <translation>已在打印 {printed} 页（共 {total} 页）后取消；此打印机无法撤回任务，已发送的这些页仍可能打印出来。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="57" />
      <source>Settings sections</source>
      <translation>设置分组</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="59" />
      <source>General</source>
      <translation>常规</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="61" />
      <location filename="../../ops_console/ui/pages/settings.py" line="370" />
      <source>Secrets</source>
      <translation>密钥</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="66" />
      <source>About</source>
      <translation>关于</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="82" />
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="91" />
      <source>Language:</source>
      <translation>语言：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="93" />
      <source>Large text (easier to read)</source>
      <translation>大字体（更易阅读）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="95" />
      <source>High-contrast colours</source>
      <translation>高对比度配色</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="98" />
      <source>Tray notifications for P1 alarms, dead pollers and SLA breaches</source>
      <translation>P1 告警、轮询器停止响应和 SLA 违约时显示托盘通知</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="101" />
      <source>Beep when an SOS or fall alert arrives</source>
      <translation>收到 SOS 或跌倒告警时发出提示音</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="106" />
      <source>Run the poller inside this console</source>
      <translation>在本控制台内运行轮询</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="108" />
      <source>Off when a headless poller ('ops-console poll') writes to the same database.</source>
      <translation>若已有无界面轮询程序（'ops-console poll'）写入同一数据库，请关闭此项。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="116" />
      <source>Polling:</source>
      <translation>轮询：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="118" />
      <source>Concurrent polls</source>
      <translation>并发轮询数</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="123" />
      <source>How many devices this console's poller asks at once; dead devices never hold up the living.</source>
      <translation>本控制台的轮询器同时询问的设备数；离线设备不会拖慢在线设备。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="131" />
      <source>Concurrent polls:</source>
      <translation>并发轮询数：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="132" />
      <source>Receive traps and informs on UDP port</source>
      <translation>在 UDP 端口接收 Trap 和 Inform</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="135" />
      <source>Trap port</source>
      <translation>Trap 端口</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="140" />
      <source>Ports below 1024 need administrator rights; 1162 is the usual choice. Leave it off when a headless poller on this computer receives the traps.</source>
      <translation>1024 以下的端口需要管理员权限；通常用 1162。若本机已有无界面轮询器接收 Trap，请保持关闭。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="153" />
      <source>Traps:</source>
      <translation>Trap：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="154" />
      <source>Largest attachment:</source>
      <translation>附件大小上限：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="155" />
      <source>Poller settings apply the next time the poller starts.</source>
      <translation>轮询设置在下次启动轮询器时生效。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="166" />
      <source>Largest photo or PDF to attach</source>
      <translation>可附加照片或 PDF 的最大大小</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="168" />
      <source> MB</source>
      <translation> MB</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="169" />
      <source>Save for every seat</source>
      <translation>保存（所有席位生效）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="280" />
      <source>Default file in the data folder</source>
      <translation>数据文件夹中的默认文件</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="281" />
      <source>SQLite file</source>
      <translation>SQLite 文件</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="287" />
      <source>File:</source>
      <translation>文件：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="289" />
      <source>URL:</source>
      <translation>地址：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="294" />
      <source>Use at next start</source>
      <translation>下次启动时使用</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="318" />
      <source>Saved: the console uses it from the next start.</source>
      <translation>已保存：下次启动时生效。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="382" />
      <source>Community phone</source>
      <translation>社区电话</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="388" />
      <source>Save phone number</source>
      <translation>保存电话</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="393" />
      <source>Community:</source>
      <translation>社区：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="394" />
      <source>Community phone:</source>
      <translation>社区电话：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="327" />
      <source>Backend:</source>
      <translation>后端：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="329" />
      <source>OS keyring:</source>
      <translation>操作系统密钥环：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="339" />
      <source>Secure:</source>
      <translation>安全：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="342" />
      <source>Usable:</source>
      <translation>可用：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="343" />
      <source>Details:</source>
      <translation>详情：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="399" />
      <source>The number residents call at the community office. Every resident notice prints it; a notice for a community without one cannot be printed.</source>
      <translation>居民打给社区办公室的电话。每张居民告示都会印上这个号码；没有设置电话的社区不能打印告示。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="462" />
      <location filename="../../ops_console/ui/pages/users.py" line="19" />
      <source>Role</source>
      <translation>角色</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="463" />
      <location filename="../../ops_console/ui/pages/users.py" line="19" />
      <source>Organization</source>
      <translation>单位</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="465" />
      <source>Locked until</source>
      <translation>锁定至</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="522" />
      <source>Device inventory, health polling, fault work orders, SLA and training for smart residential communities.</source>
      <translation>面向智慧社区的设备台账、健康轮询、故障工单、SLA 与培训管理。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="176" />
      <source>An installation setting (attachments.max_mb), the same for every seat.</source>
      <translation>安装级设置（attachments.max_mb），所有席位相同。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="178" />
      <source>An administrator sets it for the whole installation.</source>
      <translation>由管理员为整个安装统一设置。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="345" />
      <source>Enter the passphrase…</source>
      <translation>输入口令…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="213" />
      <source>Saved: every seat refuses a file over {n} MB.</source>
      <translation>已保存：所有席位都将拒绝超过 {n} MB 的文件。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="245" />
      <source>The translation {lang} is missing.</source>
      <translation>缺少 {lang} 翻译文件。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="269" />
      <source>In use now: {db}</source>
      <translation>当前使用：{db}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="331" />
      <location filename="../../ops_console/ui/pages/settings.py" line="340" />
      <location filename="../../ops_console/ui/pages/settings.py" line="342" />
      <source>Yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="340" />
      <source>No — secrets are not protected</source>
      <translation>否 — 密钥未受保护</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="342" />
      <source>No</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="437" />
      <source>{community}: phone number saved ({phone}).</source>
      <translation>{community}：电话已保存（{phone}）。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="519" />
      <source>Ops Console {v}</source>
      <translation>运维控制台 {v}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="480" />
      <location filename="../../ops_console/ui/pages/users.py" line="77" />
      <source>(all)</source>
      <translation>（全部）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/settings.py" line="333" />
      <source>No — none is usable on this machine ({found})</source>
      <translation>否 — 本机没有可用的密钥环（{found}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="126" />
      <source>Compliance per contract in business time, at-risk work and penalties.</source>
      <translation>按合同统计的达标率（工作时间）、风险工单与违约金。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="155" />
      <source>Open work orders at risk or breached</source>
      <translation>有风险或已违约的未完成工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="156" />
      <source>Work orders at risk</source>
      <translation>有风险的工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="171" />
      <source>Nothing at risk</source>
      <translation>没有风险</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="171" />
      <source>Every open work order is within its SLA.</source>
      <translation>所有未完成工单均在 SLA 时限内。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="176" />
      <location filename="../../ops_console/ui/pages/sla.py" line="140" />
      <source>Breaches this month</source>
      <translation>本月违约</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="177" />
      <source>Breaches</source>
      <translation>违约</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="130" />
      <source>Contract:</source>
      <translation>合同：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="241" />
      <source>All contracts</source>
      <translation>全部合同</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="150" />
      <location filename="../../ops_console/ui/pages/workorders.py" line="201" />
      <location filename="../../ops_console/ui/sla_text.py" line="50" />
      <source>late {t}</source>
      <translation>超时 {t}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="151" />
      <location filename="../../ops_console/ui/sla_text.py" line="50" />
      <source>paused, late {t}</source>
      <translation>暂停，超时 {t}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="152" />
      <location filename="../../ops_console/ui/sla_text.py" line="52" />
      <source>paused, {t} left</source>
      <translation>暂停，剩余 {t}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="162" />
      <source>Response (business time)</source>
      <translation>响应（工作时间）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="163" />
      <source>Resolution (business time)</source>
      <translation>解决（工作时间）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="181" />
      <source>Late (business time)</source>
      <translation>超时（工作时间）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="182" />
      <source>Business minutes late</source>
      <translation>超时工作分钟</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="183" />
      <source>Charged this month (¥)</source>
      <translation>本月计罚（¥）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="138" />
      <source>Resolution compliance this month</source>
      <translation>本月解决达标率</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="139" />
      <source>Resolution compliance last month</source>
      <translation>上月解决达标率</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/sla.py" line="141" />
      <source>Penalty this month (capped)</source>
      <translation>本月违约金（封顶后）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/training.py" line="102" />
      <source>&amp;Record training…</source>
      <translation>登记培训(&amp;R)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/training.py" line="108" />
      <source>Who is certified for what; * marks a course mandatory for the role.</source>
      <translation>谁持有哪些证书；* 表示该角色的必修课程。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/training.py" line="129" />
      <source>Certificates expiring within 30 days</source>
      <translation>30 天内到期的证书</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/training.py" line="130" />
      <source>Expiring within 30 days</source>
      <translation>30 天内到期</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/training.py" line="161" />
      <source>No certificate expires within 30 days.</source>
      <translation>30 天内没有到期的证书。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/training.py" line="57" />
      <source>{name} ({role})</source>
      <translation>{name}（{role}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/training.py" line="153" />
      <source>{name}: {course} expires {date} ({days} days)</source>
      <translation>{name}：{course} 将于 {date} 到期（剩 {days} 天）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/users.py" line="19" />
      <source>Full name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/users.py" line="51" />
      <source>Who may sign in, with which role, for which communities. Names are shown; hover a name for the login.</source>
      <translation>谁可以登录、担任什么角色、负责哪些社区。列表显示姓名，鼠标停在姓名上可看到登录名。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/users.py" line="61" />
      <source>&amp;New user…</source>
      <translation>新增用户(&amp;N)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/users.py" line="62" />
      <source>&amp;Role and communities…</source>
      <translation>角色和社区(&amp;R)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/users.py" line="63" />
      <source>Set &amp;password…</source>
      <translation>设置密码(&amp;P)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/users.py" line="64" />
      <location filename="../../ops_console/ui/pages/users.py" line="111" />
      <source>&amp;Disable</source>
      <translation>停用(&amp;D)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/users.py" line="65" />
      <source>&amp;Unlock</source>
      <translation>解锁(&amp;U)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/users.py" line="81" />
      <source>disabled</source>
      <translation>已停用</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/users.py" line="111" />
      <source>&amp;Enable</source>
      <translation>启用(&amp;E)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/users.py" line="83" />
      <source>locked until {t}</source>
      <translation>锁定至 {t}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="92" />
      <source>&amp;New work order…</source>
      <translation>新建工单(&amp;N)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="98" />
      <source>Open work first; SLA clocks count business time and update live.</source>
      <translation>未完成工单优先；SLA 计时按工作时间实时更新。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="106" />
      <source>&amp;Mine</source>
      <translation>我的(&amp;M)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="111" />
      <source>Open</source>
      <translation>未完成</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="113" />
      <source>Any status</source>
      <translation>全部状态</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="117" />
      <source>Any priority</source>
      <translation>全部优先级</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="123" />
      <source>Any source</source>
      <translation>全部来源</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="137" />
      <source>Number, title, device or assignee</source>
      <translation>工单号、标题、设备或负责人</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="138" />
      <source>Search work orders</source>
      <translation>搜索工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="153" />
      <source>No work orders match</source>
      <translation>没有符合条件的工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="153" />
      <source>Change the filters to see more.</source>
      <translation>调整筛选条件以查看更多。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="237" />
      <source>Select a work order</source>
      <translation>请选择一个工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="267" />
      <source>Add &amp;part…</source>
      <translation>添加备件(&amp;P)…</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="271" />
      <source> min</source>
      <translation> 分钟</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="272" />
      <source>Labour minutes</source>
      <translation>工时（分钟）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="273" />
      <source>Set &amp;labour</source>
      <translation>设置工时(&amp;L)</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="284" />
      <source>Status timeline</source>
      <translation>状态时间线</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="127" />
      <source>Status filter</source>
      <translation>状态筛选</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="128" />
      <source>Priority filter</source>
      <translation>优先级筛选</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="130" />
      <source>Source filter</source>
      <translation>来源筛选</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="282" />
      <source>Timeline</source>
      <translation>时间线</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="398" />
      <source>No work orders yet</source>
      <translation>还没有工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="398" />
      <source>New work orders appear here.</source>
      <translation>新工单会显示在这里。</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="495" />
      <source>(not recorded)</source>
      <translation>（未登记）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="496" />
      <source>(not assigned)</source>
      <translation>（未派单）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="579" />
      <source>(no SLA clock)</source>
      <translation>（无 SLA 计时）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="583" />
      <source>Response</source>
      <translation>响应</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="583" />
      <source>Resolution</source>
      <translation>解决</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="200" />
      <location filename="../../ops_console/ui/sla_text.py" line="52" />
      <source>{t} left</source>
      <translation>剩余 {t}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="244" />
      <source>Kind / source:</source>
      <translation>类型 / 来源：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="245" />
      <source>Device:</source>
      <translation>设备：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="247" />
      <source>Assignee:</source>
      <translation>负责人：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="248" />
      <source>Created:</source>
      <translation>创建：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="249" />
      <source>SLA (business time):</source>
      <translation>SLA（工作时间）：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="250" />
      <source>Resident:</source>
      <translation>居民：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="251" />
      <source>Resolution:</source>
      <translation>处理结果：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="252" />
      <source>Parts and labour:</source>
      <translation>备件与工时：</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="395" />
      <source>{n} work orders</source>
      <translation>{n} 个工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="504" />
      <source>(none)</source>
      <translation>（无）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="511" />
      <source>{n} parts, ¥{cost}; labour {m} min</source>
      <translation>备件 {n} 项，¥{cost}；工时 {m} 分钟</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="536" />
      <source>{when}  {who}: attached {kind} {file} ({size})</source>
      <translation>{when}  {who}：附加 {file}（{kind}，{size}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="608" />
      <source>Not allowed now for this status or your role</source>
      <translation>当前状态或您的角色不允许此操作</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="483" />
      <source>device recovered {t}</source>
      <translation>设备已于 {t} 恢复</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="488" />
      <source>{device} ({community})</source>
      <translation>{device}（{community}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="533" />
      <source>{event} ({details})</source>
      <translation>{event}（{details}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/pages/workorders.py" line="586" />
      <source>{clock}: {text}</source>
      <translation>{clock}：{text}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/poller_text.py" line="22" />
      <source>poller {name} stopped {minutes} min ago</source>
      <translation>轮询器 {name} 已于 {minutes} 分钟前停止</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/poller_text.py" line="17" />
      <source>{n} devices taken over by {poller}</source>
      <translation>{n} 台设备已由 {poller} 接管</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/poller_text.py" line="21" />
      <source>{n} not covered</source>
      <translation>{n} 台无人轮询</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/sla_text.py" line="27" />
      <source>{m}m</source>
      <translation>{m}分</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/sla_text.py" line="47" />
      <source>met</source>
      <translation>达标</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/sla_text.py" line="80" />
      <source>Clock paused while on hold</source>
      <translation>挂起期间计时暂停</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/sla_text.py" line="83" />
      <source>Deadline reached {t}</source>
      <translation>已于 {t} 到期</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/sla_text.py" line="85" />
      <source>Deadline {t} if the clock keeps running</source>
      <translation>若持续计时，将于 {t} 到期</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/sla_text.py" line="26" />
      <source>{h}h {m}m</source>
      <translation>{h}时{m}分</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/sla_text.py" line="71" />
      <source>Business time: {used} of {target} min used</source>
      <translation>工作时间：已用 {used} 分钟，目标 {target} 分钟</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/sla_text.py" line="76" />
      <source>{n} business min late</source>
      <translation>超时 {n} 工作分钟</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/sla_text.py" line="43" />
      <source>missed by {t}</source>
      <translation>超时 {t}</translation>
    </message>
    <message>
      <location filename="../../ops_console/ui/sla_text.py" line="78" />
      <source>{n} business min left</source>
      <translation>剩余 {n} 工作分钟</translation>
    </message>
  </context>
  <context>
    <name>errors</name>
    <message>
      <location filename="../../ops_console/app.py" line="180" />
      <location filename="../../ops_console/services/accounts/service.py" line="271" />
      <source>cannot add user</source>
      <translation>无法添加用户</translation>
    </message>
    <message>
      <location filename="../../ops_console/app.py" line="187" />
      <source>the database {db} is already set up: sign in instead</source>
      <translation>数据库 {db} 已设置完成：请直接登录</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/scope.py" line="23" />
      <location filename="../../ops_console/services/inventory.py" line="241" />
      <location filename="../../ops_console/services/monitoring/ingest/windows.py" line="87" />
      <source>no community named {community!r}</source>
      <translation>没有名为“{community}”的社区</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/scope.py" line="50" />
      <location filename="../../ops_console/services/monitoring/ingest/windows.py" line="81" />
      <location filename="../../ops_console/services/workorders/preventive.py" line="118" />
      <source>no device with asset tag {device!r}</source>
      <translation>没有资产编号为“{device}”的设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="661" />
      <location filename="../../ops_console/services/accounts/service.py" line="190" />
      <location filename="../../ops_console/services/accounts/service.py" line="155" />
      <location filename="../../ops_console/services/accounts/service.py" line="194" />
      <source>wrong user name or password</source>
      <translation>用户名或密码错误</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="95" />
      <source>the organization has no name</source>
      <translation>单位没有名称</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="97" />
      <source>organization kind {kind!r}: one of {kinds}</source>
      <translation>单位类型“{kind}”无效：应为 {kinds} 之一</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="114" />
      <source>community phone</source>
      <translation>社区电话</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="647" />
      <source>account {username} is now locked for 15 minutes after {failures} failed sign-ins</source>
      <translation>账户 {username} 连续 {failures} 次登录失败，现已锁定 15 分钟</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="653" />
      <source>account {username} is locked after {failures} failed sign-ins; try again in {minutes} minute{s} or ask an administrator</source>
      <translation>账户 {username} 因连续 {failures} 次登录失败已被锁定；请 {minutes} 分钟后再试，或联系管理员</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="286" />
      <source>a user named {username!r} already exists</source>
      <translation>名为“{username}”的用户已存在</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="385" />
      <location filename="../../ops_console/services/accounts/service.py" line="266" />
      <source>role {role!r}: must be one of {roles}</source>
      <translation>角色“{role}”：必须是 {roles} 之一</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="458" />
      <source>your account {username} was disabled: ask an administrator</source>
      <translation>您的账户 {username} 已被停用：请联系管理员</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="463" />
      <source>your role was changed to {role} since you signed in: the console now shows what that role may do; try again</source>
      <translation>您登录后角色已改为{role}：控制台现在按该角色显示可用功能；请重试</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="478" />
      <location filename="../../ops_console/services/accounts/service.py" line="269" />
      <location filename="../../ops_console/services/setup.py" line="40" />
      <source>password: at least {n} characters</source>
      <translation>密码：至少 {n} 个字符</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="493" />
      <location filename="../../ops_console/services/accounts/service.py" line="203" />
      <location filename="../../ops_console/services/accounts/service.py" line="344" />
      <location filename="../../ops_console/services/training.py" line="393" />
      <location filename="../../ops_console/services/training.py" line="540" />
      <location filename="../../ops_console/services/training.py" line="554" />
      <source>no user named {username!r}</source>
      <translation>没有名为“{username}”的用户</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="525" />
      <source>community name: 1-100 characters</source>
      <translation>社区名称：1–100 个字符</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="534" />
      <source>zones: each zone name once</source>
      <translation>区域：每个区域名称只能出现一次</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="571" />
      <source>zone: 1-100 characters</source>
      <translation>区域：1-100 个字符</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="245" />
      <source>this database already has users: adding an administrator needs an administrator's sign-in (--user NAME or $OPS_CONSOLE_USER)</source>
      <translation>此数据库已有用户：添加管理员需要一名管理员登录（--user 用户名 或 $OPS_CONSOLE_USER）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="259" />
      <location filename="../../ops_console/services/setup.py" line="35" />
      <source>user name {username!r}: use letters, digits, '.', '_' or '-'</source>
      <translation>用户名“{username}”：只能使用字母、数字、“.”、“_”或“-”</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="295" />
      <source>no organization named {organization!r}</source>
      <translation>没有名为“{organization}”的单位</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="427" />
      <source>you cannot disable yourself</source>
      <translation>你不能停用自己</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="529" />
      <source>--timezone: unknown time zone {timezone!r}</source>
      <translation>--timezone：未知时区“{timezone}”</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="538" />
      <source>a community named {name!r} already exists</source>
      <translation>名为“{name}”的社区已存在</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="576" />
      <location filename="../../ops_console/services/accounts/service.py" line="611" />
      <source>no community named {name!r}</source>
      <translation>没有名为“{name}”的社区</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="578" />
      <source>community {community} already has a zone {zone!r}</source>
      <translation>社区 {community} 已有区域 {zone!r}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="638" />
      <source>an organization named {name!r} already exists</source>
      <translation>名为“{name}”的单位已存在</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/accounts/service.py" line="392" />
      <source>you cannot change your own role</source>
      <translation>你不能更改自己的角色</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/audit/log.py" line="293" />
      <location filename="../../ops_console/services/audit/log.py" line="279" />
      <source>the audit chain is broken at entry {id}: run 'audit verify'; nothing was archived</source>
      <translation>审计链在第 {id} 条处断裂：请运行“audit verify”；未归档任何条目</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/audit/log.py" line="134" />
      <source>audit entries are kept at least {days} days: archive only before {latest} (asked: {before})</source>
      <translation>审计条目至少保留 {days} 天：只能归档 {latest} 之前的条目（所填：{before}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/audit/log.py" line="143" />
      <source>{path}: exists already; archives are never overwritten</source>
      <translation>{path}：文件已存在；归档文件不会被覆盖</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/audit/log.py" line="147" />
      <location filename="../../ops_console/services/inventory.py" line="409" />
      <source>{path}: folder {parent} does not exist</source>
      <translation>{path}：文件夹 {parent} 不存在</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/audit/log.py" line="198" />
      <location filename="../../ops_console/services/inventory.py" line="420" />
      <source>{path}: cannot write: {strerror}</source>
      <translation>{path}：无法写入：{strerror}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/audit/log.py" line="158" />
      <source>no audit entries before {before} left to archive</source>
      <translation>{before} 之前没有可归档的审计条目</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="71" />
      <source>change the device inventory</source>
      <translation>修改设备台账</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="72" />
      <source>add or change communities</source>
      <translation>添加或修改社区</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="73" />
      <source>manage users</source>
      <translation>管理用户</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="74" />
      <source>store SNMP credentials</source>
      <translation>保存 SNMP 凭据</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="75" />
      <source>create work orders</source>
      <translation>创建工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="76" />
      <source>assign work orders</source>
      <translation>派发工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="77" />
      <source>cancel work orders</source>
      <translation>取消工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="78" />
      <source>override the certification rule</source>
      <translation>越过持证规则派单</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="79" />
      <source>close or reopen work orders</source>
      <translation>关闭或重新打开工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="80" />
      <source>work on work orders</source>
      <translation>处理工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="81" />
      <source>record parts and labour</source>
      <translation>登记备件与工时</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="82" />
      <source>attach photos and files to work orders</source>
      <translation>给工单附加照片和文件</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="83" />
      <source>import contracts and SLA policies</source>
      <translation>导入合同与 SLA 策略</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="84" />
      <source>edit training records</source>
      <translation>编辑培训记录</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="85" />
      <source>acknowledge alarms</source>
      <translation>确认告警</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="86" />
      <source>acknowledge care alerts</source>
      <translation>确认关怀告警</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="87" />
      <source>plan maintenance windows</source>
      <translation>安排维护窗口</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="88" />
      <source>read the audit log</source>
      <translation>查看审计日志</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="89" />
      <source>change the installation's settings</source>
      <translation>修改系统设置</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="90" />
      <source>archive old audit entries</source>
      <translation>归档旧审计条目</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="91" />
      <source>print reports</source>
      <translation>打印报表</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="92" />
      <source>issue SLA statements</source>
      <translation>开具 SLA 结算单</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="93" />
      <source>back up the database</source>
      <translation>备份数据库</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="94" />
      <source>run the poller</source>
      <translation>运行轮询服务</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="95" />
      <source>edit preventive maintenance plans</source>
      <translation>编辑预防性维护计划</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="96" />
      <source>see residents' contact details</source>
      <translation>查看居民联系方式</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="121" />
      <source>{username} ({role}) may not {what}</source>
      <translation>{username}（{role}）无权{what}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/context.py" line="134" />
      <source>{username} is not assigned to community {community}</source>
      <translation>{username} 未被分配到社区“{community}”</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/discovery.py" line="53" />
      <source>--credential: no SNMP credential named {credential!r}</source>
      <translation>--credential：没有名为“{credential}”的 SNMP 凭据</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/discovery.py" line="57" />
      <source>--version: must be v1, v2c or v3, not {version!r}</source>
      <translation>--version：须为 v1、v2c 或 v3，而不是“{version}”</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/discovery.py" line="65" />
      <source>{cidr} has {n} addresses; the limit is {limit}</source>
      <translation>{cidr} 含 {n} 个地址，上限为 {limit}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/discovery.py" line="63" />
      <source>CIDR: {detail}</source>
      <translation>CIDR 网段：{detail}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/csv_input.py" line="80" />
      <source>line {line}: {problem}</source>
      <translation>第 {line} 行：{problem}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/csv_input.py" line="37" />
      <source>{name}: line 1: missing columns {missing} (expected {expected})</source>
      <translation>{name}：第 1 行：缺少列 {missing}（应为 {expected}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/csv_input.py" line="54" />
      <location filename="../../ops_console/services/formats/csv_input.py" line="72" />
      <location filename="../../ops_console/services/workorders/history_import.py" line="201" />
      <source>{name}: {problems_0}</source>
      <translation>{name}：{problems_0}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/csv_input.py" line="31" />
      <location filename="../../ops_console/services/formats/device_csv.py" line="200" />
      <location filename="../../ops_console/services/sla/contracts.py" line="243" />
      <source>{path}: no such file</source>
      <translation>{path}：文件不存在</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/csv_input.py" line="33" />
      <location filename="../../ops_console/services/sla/contracts.py" line="245" />
      <source>{name}: not UTF-8 text</source>
      <translation>{name}：不是 UTF-8 文本</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/csv_input.py" line="46" />
      <source>line 1: {column}: not a column of the {what} (expected {expected})</source>
      <translation>第 1 行：{column}：不是{what}的列（应为 {expected}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="45" />
      <source>{value!r} is neither an IP address nor a host name</source>
      <translation>“{value}”既不是 IP 地址也不是主机名</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="56" />
      <source>{where}{column}: {problem}</source>
      <translation>{where}{column}：{problem}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="42" />
      <source>{value!r} is not a valid IPv4 address</source>
      <translation>“{value}”不是有效的 IPv4 地址</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="51" />
      <source>line {line}: </source>
      <translation>第 {line} 行：</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="233" />
      <source>{name}: line 1: header must be {expected} ({detail})</source>
      <translation>{name}：第 1 行：表头应为 {expected}（{detail}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="258" />
      <source>{name}: {n_problems} bad line(s), nothing imported</source>
      <translation>{name}：{n_problems} 行有误，未导入任何数据</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="82" />
      <source>{value!r}: letters, digits and . _ / - only, at most 64</source>
      <translation>“{value}”：只能包含字母、数字和 . _ / -，最多 64 个字符</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="87" />
      <source>longer than {n} characters</source>
      <translation>超过 {n} 个字符</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="96" />
      <location filename="../../ops_console/services/formats/device_csv.py" line="154" />
      <location filename="../../ops_console/services/formats/device_csv.py" line="158" />
      <source>{value!r}: one of {choices}</source>
      <translation>“{value}”：应为 {choices} 之一</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="139" />
      <source>{warranty} is before install_date {install}</source>
      <translation>{warranty} 早于安装日期 install_date {install}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="148" />
      <source>a credential name without spaces (the secret itself stays in the keyring)</source>
      <translation>应为不含空格的凭据名称（密钥本身保存在密钥环中）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="162" />
      <source>missing: SNMP {version} needs a management address</source>
      <translation>缺失：SNMP {version} 需要管理地址</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="202" />
      <source>{path}: not UTF-8 text (byte {start}); save the file as 'CSV UTF-8'</source>
      <translation>{path}：不是 UTF-8 文本（第 {start} 字节）；请将文件另存为“CSV UTF-8”</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="208" />
      <source>{path}: cannot read: {strerror}</source>
      <translation>{path}：无法读取：{strerror}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="219" />
      <source>{name}: the file is empty (expected a header line)</source>
      <translation>{name}：文件为空（应有表头行）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="74" />
      <source>missing (required)</source>
      <translation>缺失（必填）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="78" />
      <source>{where}{problem}</source>
      <translation>{where}{problem}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="108" />
      <source>{n} is out of range {lo}-{hi}</source>
      <translation>{n} 超出范围 {lo}-{hi}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="125" />
      <source>{value}: the year must be between {low} and {high}</source>
      <translation>{value}：年份必须在 {low} 到 {high} 之间</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="247" />
      <source>line {line}: expected {expected} columns, found {found}</source>
      <translation>第 {line} 行：应有 {expected} 列，实际 {found} 列</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="105" />
      <source>{value!r} is not a whole number</source>
      <translation>“{value}”不是整数</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/formats/device_csv.py" line="120" />
      <source>{value!r} is not a date (YYYY-MM-DD)</source>
      <translation>“{value}”不是日期（YYYY-MM-DD）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/installation/keys.py" line="258" />
      <source>host name {host!r}: 1-100 characters, no spaces</source>
      <translation>主机名 {host!r}：1–100 个字符，不含空格</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/installation/keys.py" line="216" />
      <source>this installation has no installation key yet: an admin runs 'ops-console enroll' on their seat first</source>
      <translation>本安装还没有安装密钥：请管理员先在自己的工作站上运行 'ops-console enroll'</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/installation/keys.py" line="222" />
      <source>this computer does not hold the installation key: an admin enrols it ('ops-console enroll' here, then 'ops-console enroll --approve HOST' on an enrolled seat)</source>
      <translation>本机没有安装密钥：需由管理员登记本机（先在本机运行 'ops-console enroll'，再在已登记的工作站上运行 'ops-console enroll --approve 主机名'）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/installation/keys.py" line="124" />
      <source>no enrolment request from host {host!r}: run 'ops-console enroll' there first</source>
      <translation>主机 {host!r} 没有登记申请：请先在该主机上运行 'ops-console enroll'</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/installation/poller_login.py" line="33" />
      <source>host name {host!r}: no spaces, and short enough for a login role (63 bytes with 'poller.')</source>
      <translation>主机名“{host}”：不能含空格，且须短到可作登录角色名（连同“poller.”不超过 63 字节）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/installation/poller_login.py" line="83" />
      <source>this computer has no poller login: an administrator runs 'ops-console enroll --poller' on it first</source>
      <translation>本机还没有采集器登录角色：请管理员先在本机运行“ops-console enroll --poller”</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/inventory.py" line="39" />
      <source>line {line}</source>
      <translation>第 {line} 行</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/inventory.py" line="195" />
      <source>no device with asset tag {asset_tag!r}</source>
      <translation>没有资产编号为“{asset_tag}”的设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/inventory.py" line="370" />
      <location filename="../../ops_console/services/inventory.py" line="375" />
      <source>the device has problems</source>
      <translation>设备信息有误</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/inventory.py" line="184" />
      <source>--category: unknown category {category!r}</source>
      <translation>--category：未知类别“{category}”</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/inventory.py" line="303" />
      <source>asset_tag: {asset_tag} belongs to a community {username} may not change</source>
      <translation>asset_tag：{asset_tag} 属于 {username} 无权修改的社区</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/inventory.py" line="353" />
      <source>{path}: {n_problems} problem(s), nothing imported</source>
      <translation>{path}：{n_problems} 处问题，未导入任何数据</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/inventory.py" line="386" />
      <source>{asset_tag} is already retired</source>
      <translation>{asset_tag} 已报废</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/inventory.py" line="219" />
      <source>duplicate {tag!r} (also on {other})</source>
      <translation>“{tag}”重复（另见{other}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/inventory.py" line="229" />
      <source>unknown category {category!r} (one of {categories})</source>
      <translation>未知类别“{category}”（可选：{categories}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/inventory.py" line="249" />
      <source>{username} is not assigned to {community}</source>
      <translation>{username} 未被分配到社区“{community}”</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/inventory.py" line="260" />
      <source>no zone {zone!r} in {community}</source>
      <translation>社区“{community}”中没有区域“{zone}”</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/alarms.py" line="311" />
      <location filename="../../ops_console/services/monitoring/service.py" line="391" />
      <location filename="../../ops_console/services/workorders/alarms.py" line="202" />
      <location filename="../../ops_console/services/workorders/alarms.py" line="228" />
      <source>no alarm {alarm_id}</source>
      <translation>没有告警 {alarm_id}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/alarms.py" line="315" />
      <source>alarm {alarm_id} was already acknowledged by {user} at {at}</source>
      <translation>告警 {alarm_id} 已由 {user} 于 {at} 确认</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/alarms.py" line="346" />
      <source>care alert {care_id} was already acknowledged by {user}</source>
      <translation>关怀告警 {care_id} 已由 {user} 确认</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/care.py" line="84" />
      <location filename="../../ops_console/services/monitoring/care.py" line="87" />
      <source>no care alert {care_id}</source>
      <translation>没有关怀告警 {care_id}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/care.py" line="102" />
      <source>care alert {care_id}: say what happened (the outcome) to close it</source>
      <translation>关怀告警 {care_id}：关闭前请说明处置结果</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/care.py" line="107" />
      <source>care alert {care_id} was already closed by {user}</source>
      <translation>关怀告警 {care_id} 已由 {user} 关闭</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/care.py" line="111" />
      <source>care alert {care_id} is not acknowledged yet: acknowledge it first (someone is looking after the resident), then close it with the outcome</source>
      <translation>关怀告警 {care_id} 尚未确认：请先确认（已有人照看居民），再填写处置结果关闭</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/credentials.py" line="55" />
      <source>SNMPv3 auth key must be at least 8 characters</source>
      <translation>SNMPv3 认证密钥至少需要 8 个字符</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/credentials.py" line="56" />
      <source>SNMPv3 privacy needs authentication too</source>
      <translation>SNMPv3 加密还需要同时启用认证</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/credentials.py" line="57" />
      <source>SNMPv3 privacy key must be at least 8 characters</source>
      <translation>SNMPv3 加密密钥至少需要 8 个字符</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/credentials.py" line="90" />
      <source>credential {name}: {problem}</source>
      <translation>凭据 {name}：{problem}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/ingest/windows.py" line="48" />
      <source>maintenance window: name either a device or a community</source>
      <translation>维护窗口：请指定设备或社区（二选一）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/ingest/windows.py" line="50" />
      <source>maintenance window: times must carry a time zone</source>
      <translation>维护窗口：时间必须带时区</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/ingest/windows.py" line="52" />
      <source>maintenance window: --to must come after --from</source>
      <translation>维护窗口：结束时间（--to）必须晚于开始时间（--from）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/ingest/windows.py" line="54" />
      <source>maintenance window: at most {days} days (plan several windows)</source>
      <translation>维护窗口：最长 {days} 天（请分成多个窗口）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/ingest/windows.py" line="60" />
      <source>maintenance window: a reason is required</source>
      <translation>维护窗口：必须填写原因</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/ingest/windows.py" line="62" />
      <source>maintenance window: the reason is longer than {limit} characters</source>
      <translation>维护窗口：原因超过 {limit} 个字符</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/ingest/windows.py" line="66" />
      <source>maintenance window: it already ended; windows are planned, not back-dated</source>
      <translation>维护窗口：已经结束；维护窗口只能提前计划，不能补登</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/retention.py" line="45" />
      <source>no setting named {name!r}: the settings are {names}</source>
      <translation>没有名为 {name!r} 的设置：可用的设置为 {names}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/retention.py" line="56" />
      <source>{name}: between {lo} and {hi} days, not {days}</source>
      <translation>{name}：须在 {lo} 到 {hi} 天之间，而不是 {days}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/retention.py" line="65" />
      <source>retention: raw samples ({raw} days) no longer than 5-minute buckets ({five} days), and those no longer than hourly buckets ({hourly} days)</source>
      <translation>保留期限：原始采样（{raw} 天）不得长于 5 分钟汇总（{five} 天），5 分钟汇总不得长于小时汇总（{hourly} 天）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/retention.py" line="52" />
      <source>{name}: a whole number of days, not {value!r}</source>
      <translation>{name}：须为整数天数，而不是 {value!r}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/service.py" line="338" />
      <source>no setting to change</source>
      <translation>没有要修改的设置</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/service.py" line="510" />
      <source>history: instants must carry a time zone</source>
      <translation>历史数据：时间必须带时区</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/service.py" line="512" />
      <source>history: the end must come after the start</source>
      <translation>历史数据：结束时间必须晚于开始时间</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/monitoring/service.py" line="514" />
      <source>history: max_points must be at least 2</source>
      <translation>历史数据：max_points 至少为 2</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/setup.py" line="42" />
      <source>password: the two entries differ</source>
      <translation>密码：两次输入不一致</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="230" />
      <source>{where}: missing the [contract] table</source>
      <translation>{where}：缺少 [contract] 表</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="383" />
      <location filename="../../ops_console/services/sla/contracts.py" line="320" />
      <location filename="../../ops_console/domain/calendar.py" line="131" />
      <source>{where}: {n_problems} problems</source>
      <translation>{where}：{n_problems} 处问题</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="157" />
      <location filename="../../ops_console/domain/bounds.py" line="48" />
      <source>{where}: expected a number, got {value}</source>
      <translation>{where}：应为数字，实际为 {value}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="173" />
      <source>{place}: unknown key "{key}"</source>
      <translation>{place}：未知的键“{key}”</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="183" />
      <source>{where}.{key}: missing (a text is required)</source>
      <translation>{where}.{key}：缺失（必须填写文字）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="193" />
      <source>{where}.{key}: expected a positive whole number of minutes, got {value}</source>
      <translation>{where}.{key}：应为正整数分钟，实际为 {value}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="217" />
      <source>{where}: not valid TOML: {error}</source>
      <translation>{where}：不是有效的 TOML：{error}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="242" />
      <source>contract.communities: expected a list of community names</source>
      <translation>contract.communities：应为社区名称列表</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="262" />
      <source>contract.end: {end} is before contract.start {start}</source>
      <translation>contract.end：{end} 早于 contract.start {start}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="272" />
      <source>contract.penalty_cap_ratio: {cap} is above 1 (the monthly penalty is capped at a share of the monthly fee, at most all of it)</source>
      <translation>contract.penalty_cap_ratio：{cap} 大于 1（每月违约金上限为月服务费的一定比例，至多为全部月费）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="312" />
      <source>sla: missing (give at least [sla.P1] … [sla.P4])</source>
      <translation>sla：缺失（至少提供 [sla.P1] … [sla.P4]）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="379" />
      <source>sla: no terms for {missing}</source>
      <translation>sla：缺少 {missing} 的条款</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="382" />
      <source>{where}: {problems_0}</source>
      <translation>{where}：{problems_0}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="412" />
      <source>pause: expected a table</source>
      <translation>pause：应为一个表</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="419" />
      <source>pause.stops_clock: expected a list of hold reasons (of {known})</source>
      <translation>pause.stops_clock：应为挂起原因列表（可选：{known}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="224" />
      <source>unknown table "{key}" (expected {tables})</source>
      <translation>未知的表“{key}”（应为 {tables}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="290" />
      <source>calendar: expected a table</source>
      <translation>calendar：应为表</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="318" />
      <source>{place}: unknown key (expected one of {keys})</source>
      <translation>{place}：未知的键（应为 {keys} 之一）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="324" />
      <source>{place}: expected a table</source>
      <translation>{place}：应为表</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="332" />
      <source>{place}: response_minutes ({response}) is longer than resolution_minutes ({resolution}): a fault cannot be fixed before someone responds to it</source>
      <translation>{place}：response_minutes（{response}）长于 resolution_minutes（{resolution}）：故障不可能在响应之前修复</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="344" />
      <source>{place}.calendar: "{name}" is not a calendar of this file (known: {known})</source>
      <translation>{place}.calendar：“{name}”不是本文件中的日历（已有：{known}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="360" />
      <source>{place}.warning_ratio: must be above 0 and at most 1</source>
      <translation>{place}.warning_ratio：须大于 0 且不超过 1</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="428" />
      <source>pause.stops_clock: "{reason}" is not a hold reason (known: {known})</source>
      <translation>pause.stops_clock：“{reason}”不是挂起原因（可选：{known}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="295" />
      <source>calendar.name: missing (a name other than "{always}")</source>
      <translation>calendar.name：缺失（须为“{always}”以外的名称）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_file.py" line="385" />
      <location filename="../../ops_console/services/training.py" line="143" />
      <source>{where}: {problem}</source>
      <translation>{where}：{problem}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_terms.py" line="118" />
      <source>{place}: expected a name or a table {{ name = "…" }}</source>
      <translation>{place}：应为名称或表 {{ name = "…" }}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_terms.py" line="148" />
      <source>parties: expected a table</source>
      <translation>parties：应为表</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_terms.py" line="161" />
      <source>parties.communities: expected a table {{ "湖滨" = "湖滨社区居民委员会" }}</source>
      <translation>parties.communities：应为表 {{ "湖滨" = "湖滨社区居民委员会" }}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_terms.py" line="190" />
      <source>{place}.{key}: expected a finite number, got {value}</source>
      <translation>{place}.{key}：应为有限的数，实际为 {value}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_terms.py" line="212" />
      <source>{place}.target: must be above 0 and at most 1 (0.995 = 99.5 %)</source>
      <translation>{place}.target：须大于 0 且不超过 1（0.995 即 99.5%）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_terms.py" line="218" />
      <source>{place}.penalty_per_point: must not be negative</source>
      <translation>{place}.penalty_per_point：不能为负数</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_terms.py" line="233" />
      <source>availability: expected a table</source>
      <translation>availability：应为表</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_terms.py" line="260" />
      <source>availability: give target and penalty_per_point, for all devices or a category</source>
      <translation>availability：请给出 target 和 penalty_per_point（针对全部设备或某一设备类别）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_terms.py" line="104" />
      <source>{place}: unknown key "{key}" (expected {allowed})</source>
      <translation>{place}：未知的键“{key}”（应为 {allowed}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_terms.py" line="130" />
      <source>{place}.{key}: expected a text of 1 to {max} characters</source>
      <translation>{place}.{key}：应为 1 至 {max} 个字符的文字</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_terms.py" line="167" />
      <source>parties.communities: "{name}" is not one of the contract's communities ({known})</source>
      <translation>parties.communities：“{name}”不是本合同的社区（{known}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contract_terms.py" line="247" />
      <source>{place}: "{key}" is not a device category (known: {known})</source>
      <translation>{place}：“{key}”不是设备类别（已知：{known}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contracts.py" line="220" />
      <location filename="../../ops_console/services/sla/statement.py" line="526" />
      <source>no contract with code "{code}"</source>
      <translation>没有编号为“{code}”的合同</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/contracts.py" line="308" />
      <source>{where}: contract.communities[{i}]: no community named "{name}"</source>
      <translation>{where}：contract.communities[{i}]：没有名为“{name}”的社区</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/service.py" line="113" />
      <location filename="../../ops_console/services/sla/service.py" line="117" />
      <location filename="../../ops_console/services/sla/statement.py" line="607" />
      <source>--contract: no contract with code "{code}"</source>
      <translation>--contract：没有编号为“{code}”的合同</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/service.py" line="535" />
      <source>availability: times need a time zone offset</source>
      <translation>可用率：时间需要带时区偏移</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/service.py" line="537" />
      <source>availability: the end is not after the start</source>
      <translation>可用率：结束时间不晚于开始时间</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/service.py" line="451" />
      <location filename="../../ops_console/services/workorders/base.py" line="38" />
      <source>no work order {number}</source>
      <translation>没有工单 {number}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/service.py" line="545" />
      <source>no device with asset tag {missing_0!r}</source>
      <translation>没有资产编号为“{missing_0}”的设备</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/statement.py" line="517" />
      <source>--issue: {month} has not ended yet: a statement is issued after the month's end ({end})</source>
      <translation>--issue：{month} 尚未结束，结算单须在月末（{end}）之后开具</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/sla/statement.py" line="423" />
      <source>--issue: a statement is issued for one calendar month (--from YYYY-MM-01 --to the month's last day)</source>
      <translation>--issue：结算单按一个自然月开具（--from YYYY-MM-01 --to 该月最后一天）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/training.py" line="144" />
      <source>{where}: {n} problems</source>
      <translation>{where}：{n} 处问题</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/training.py" line="285" />
      <source>validity_months: must be a positive number of months</source>
      <translation>validity_months：有效期必须为正的月数</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/training.py" line="288" />
      <source>mandatory_for: unknown role {bad_roles_0!r}</source>
      <translation>mandatory_for：未知角色“{bad_roles_0}”</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/training.py" line="387" />
      <source>completed_on: {completed_on} is in the future</source>
      <translation>completed_on：{completed_on} 晚于今天</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/training.py" line="503" />
      <source>--days: must not be negative</source>
      <translation>--days：不能为负数</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/training.py" line="295" />
      <source>categories: unknown category {bad_0!r}</source>
      <translation>categories：未知类别“{bad_0}”</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/training.py" line="396" />
      <source>no course with code {course_code!r}</source>
      <translation>没有编号为“{course_code}”的课程</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/training.py" line="162" />
      <source>code: missing</source>
      <translation>code：缺失</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/training.py" line="167" />
      <location filename="../../ops_console/services/workorders/history_import.py" line="311" />
      <source>title: missing</source>
      <translation>title：缺失</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/training.py" line="186" />
      <source>validity_months: {value!r} is not a positive whole number</source>
      <translation>validity_months：“{value}”不是正整数</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/training.py" line="211" />
      <source>username: no user named {name!r}</source>
      <translation>username：没有名为“{name}”的用户</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/training.py" line="215" />
      <source>course: no course with code {code!r}</source>
      <translation>course：没有代码为“{code}”的课程</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/training.py" line="234" />
      <source>completed_on: {day} is in the future</source>
      <translation>completed_on：{day} 是将来的日期</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/training.py" line="164" />
      <source>code: {code} appears twice</source>
      <translation>code：{code} 重复出现</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/training.py" line="171" />
      <source>categories: unknown category {value!r}</source>
      <translation>categories：未知类别“{value}”</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/training.py" line="178" />
      <source>mandatory_for: unknown role {value!r}</source>
      <translation>mandatory_for：未知角色“{value}”</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/training.py" line="223" />
      <source>completed_on: {value} is not a date (YYYY-MM-DD)</source>
      <translation>completed_on：{value} 不是日期（YYYY-MM-DD）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/training.py" line="244" />
      <source>score: {value!r} is not a number 0-100</source>
      <translation>score：“{value}”不是 0-100 之间的数字</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/attachments.py" line="38" />
      <source>no file {path}</source>
      <translation>没有文件 {path}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/attachments.py" line="40" />
      <source>{path} is a folder, not a file</source>
      <translation>{path} 是文件夹，不是文件</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/attachments.py" line="44" />
      <source>cannot read {path}: {reason}</source>
      <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/attachments.py" line="153" />
      <source>{number} has no attachment {id}</source>
      <translation>{number} 没有编号为 {id} 的附件</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/base.py" line="40" />
      <source>{username} may not see work order {number}</source>
      <translation>{username} 无权查看工单 {number}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/base.py" line="44" />
      <source>{number} was changed by someone else (now version {version}, yours {yours}); reload it and try again</source>
      <translation>{number} 已被他人修改（当前版本 {version}，您的版本 {yours}）；请重新加载后再试</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/core.py" line="197" />
      <location filename="../../ops_console/services/workorders/history_import.py" line="429" />
      <source>{number}: {error}</source>
      <translation>{number}：{error}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/costs.py" line="37" />
      <source>part: name 1-200 characters</source>
      <translation>备件：名称 1–200 个字符</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/costs.py" line="41" />
      <source>part: quantity must be positive and unit cost not negative</source>
      <translation>备件：数量必须为正，单价不能为负</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/costs.py" line="114" />
      <source>a technician may record parts only on work orders assigned to them</source>
      <translation>运维工程师只能在分派给自己的工单上登记备件</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/costs.py" line="118" />
      <source>{number} is {status}: parts and labour are final</source>
      <translation>{number} 的状态为“{status}”：备件与工时不能再修改</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/create.py" line="25" />
      <source>title: 1-200 characters</source>
      <translation>标题：1–200 个字符</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/create.py" line="32" />
      <source>priority: {priority!r} is not one of {priorities}</source>
      <translation>优先级：“{priority}”不是 {priorities} 之一</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/create.py" line="105" />
      <source>cannot create the work order</source>
      <translation>无法创建工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/create.py" line="74" />
      <source>source: {source!r} is not one of {sources}</source>
      <translation>来源：“{source}”不是 {sources} 之一</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/create.py" line="82" />
      <source>kind: {kind!r} is not one of {kinds}</source>
      <translation>类型：“{kind}”不是 {kinds} 之一</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/create.py" line="86" />
      <source>device or community: name the device's asset tag or the community</source>
      <translation>设备或社区：请填写设备资产编号或社区</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/create.py" line="156" />
      <source>{number} is {status}: it can no longer be edited</source>
      <translation>{number} 的状态为“{status}”：不能再编辑</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/dispatch.py" line="47" />
      <source>{number}: {assignee} holds no valid certification for {category} ({certification}); a manager may assign anyway with a written reason (--override-reason)</source>
      <translation>{number}：{assignee} 没有 {category} 的有效证书（{certification}）；经理可填写书面理由后强制派单</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="74" />
      <source>{where}: {text!r} has no offset (write e.g. {example}+08:00)</source>
      <translation>{where}：“{text}”没有时区偏移（例如写成 {example}+08:00）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="70" />
      <source>{where}: {text!r} is not an ISO 8601 time</source>
      <translation>{where}：“{text}”不是 ISO 8601 时间</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="106" />
      <source>history file</source>
      <translation>工单历史文件</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="112" />
      <source>{n} values for {columns} columns</source>
      <translation>有 {n} 个值，但只有 {columns} 列</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="119" />
      <source>number: missing</source>
      <translation>number：缺失</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="129" />
      <source>event: {value!r} is not one of {choices}</source>
      <translation>event：“{value}”不是 {choices} 之一</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="138" />
      <source>actor: missing</source>
      <translation>actor：缺失</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="204" />
      <source>{name}: {n_problems} problems; nothing was imported</source>
      <translation>{name}：{n_problems} 处问题；未导入任何数据</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="431" />
      <location filename="../../ops_console/services/workorders/history_import.py" line="401" />
      <source>at: {at} is in the future</source>
      <translation>at：{at} 是将来的时间</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="122" />
      <source>number: {value!r} is not a work-order number WO-YYYY-NNNNNN</source>
      <translation>number：{value!r} 不是工单编号 WO-YYYY-NNNNNN</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="296" />
      <source>{number}: no such work order; its history must start with a created row</source>
      <translation>{number}：没有此工单；其历史必须以 created 行开始</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="306" />
      <source>priority: {value!r} is not one of P1, P2, P3, P4</source>
      <translation>priority：“{value}”不是 P1、P2、P3、P4 之一</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="331" />
      <source>a created row needs an asset_tag or a community</source>
      <translation>created 行需要 asset_tag 或 community</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="335" />
      <source>asset_tag: {tag} is not in {community}</source>
      <translation>asset_tag：{tag} 不属于{community}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="346" />
      <source>note: source {value!r} is not one of {choices}</source>
      <translation>note：来源“{value}”不是 {choices} 之一</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="356" />
      <source>note: kind {value!r} is not one of {choices}</source>
      <translation>note：类型“{value}”不是 {choices} 之一</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="387" />
      <source>{number}: created twice</source>
      <translation>{number}：重复创建</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="392" />
      <source>{number}: {event} at {at} is earlier than the event before it</source>
      <translation>{number}：{at} 的 {event} 早于前一个事件</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="313" />
      <source>title: longer than {n} characters</source>
      <translation>title：超过 {n} 个字符</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="319" />
      <source>asset_tag: no device {tag!r}</source>
      <translation>asset_tag：没有设备“{tag}”</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="325" />
      <source>community: no community named {community!r}</source>
      <translation>community：没有名为“{community}”的社区</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="407" />
      <source>assignee: missing</source>
      <translation>assignee：缺失</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="409" />
      <source>assignee: no user named {name!r}</source>
      <translation>assignee：没有名为“{name}”的用户</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="425" />
      <source>note: {error}</source>
      <translation>note：{error}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/history_import.py" line="413" />
      <source>assignee: {assignee} is a {role}; work orders go to technicians</source>
      <translation>assignee：{assignee} 的角色是 {role}；工单只能派给运维工程师</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/lifecycle.py" line="201" />
      <source>labour minutes must not be negative</source>
      <translation>工时分钟数不能为负</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/lifecycle.py" line="58" />
      <source>no active user named {assignee!r}</source>
      <translation>没有名为“{assignee}”的在职用户</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/lifecycle.py" line="60" />
      <source>{assignee} is a {role}; work orders go to technicians</source>
      <translation>{assignee} 的角色是{role}；工单只能派给运维工程师</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/lifecycle.py" line="66" />
      <source>{assignee} is not assigned to this work order's community</source>
      <translation>{assignee} 未被分配到该工单所属的社区</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/lifecycle.py" line="108" />
      <source>{number}: no certified technician is available for automatic dispatch</source>
      <translation>{number}：没有可自动派单的持证运维工程师</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/lifecycle.py" line="285" />
      <source>cannot close {number}: its device {tag} is still {health}; close it once the device has recovered, or reopen it</source>
      <translation>无法关闭 {number}：设备 {tag} 仍处于“{health}”状态；请在设备恢复后关闭，或重新打开工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/media.py" line="144" />
      <source>{file} is not a readable image (damaged or cut short): take or export the photo again and attach the new file</source>
      <translation>{file} 不是可读的图片（已损坏或不完整）：请重新拍摄或导出照片后再附加</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/media.py" line="59" />
      <source>attachment kind '{kind}': use one of {kinds}</source>
      <translation>附件类型“{kind}”：请使用 {kinds} 之一</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/media.py" line="87" />
      <source>{name}: between {lo} and {hi} MB, not {mb}</source>
      <translation>{name}：须在 {lo} 到 {hi} MB 之间，而不是 {mb}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/media.py" line="107" />
      <source>the attachment has no file name</source>
      <translation>附件没有文件名</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/media.py" line="111" />
      <source>{file} is empty: nothing to attach</source>
      <translation>{file} 是空文件：没有可附加的内容</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/media.py" line="113" />
      <source>{file} is {size} MB, over the limit of {limit} MB per file: attach a smaller photo or PDF (the limit is the installation setting attachments.max_mb: Settings in the console, 'ops-console settings set' on the command line)</source>
      <translation>{file} 大小为 {size} MB，超过每个文件 {limit} MB 的上限：请附加更小的照片或 PDF（上限是安装级设置 attachments.max_mb：可在控制台的“设置”中或用命令行 'ops-console settings set' 调整）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/media.py" line="123" />
      <source>{file} is not a photo (JPEG, PNG, HEIC) or a PDF: save it as one of these and attach it again</source>
      <translation>{file} 不是照片（JPEG、PNG、HEIC）或 PDF：请另存为其中一种格式后再附加</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/media.py" line="83" />
      <source>{name}: a whole number of MB, not {value!r}</source>
      <translation>{name}：须为整数 MB，而不是 {value!r}</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/media.py" line="187" />
      <source>{file} is a HEIC photo and this installation cannot convert it: export it as JPEG (on an iPhone: Settings, Camera, Formats, Most Compatible) and attach that</source>
      <translation>{file} 是 HEIC 照片，本安装无法转换：请导出为 JPEG（iPhone：设置 › 相机 › 格式 › 兼容性最佳）后再附加</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/media.py" line="210" />
      <source>{file} is not a readable PDF (damaged, cut short or protected by a password): save it again as a PDF and attach the new file</source>
      <translation>{file} 不是可读的 PDF（已损坏、不完整或设有密码）：请重新保存为 PDF 后再附加</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/media.py" line="217" />
      <source>{file} is a PDF without pages</source>
      <translation>{file} 是没有页面的 PDF</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/preventive.py" line="124" />
      <source>cannot create the plan</source>
      <translation>无法创建预防性维护计划</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/preventive.py" line="126" />
      <source>cannot save the plan</source>
      <translation>无法保存计划</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/preventive.py" line="169" />
      <location filename="../../ops_console/services/workorders/preventive.py" line="281" />
      <source>no preventive plan {plan_id}</source>
      <translation>没有编号为 {plan_id} 的预防性维护计划</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/preventive.py" line="88" />
      <source>name: missing</source>
      <translation>名称：缺失</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/preventive.py" line="93" />
      <source>schedule: either every N days or monthly on a day</source>
      <translation>周期：请选择“每 N 天”或“每月某日”之一</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/preventive.py" line="101" />
      <source>name either a device category or one device</source>
      <translation>请指定设备类别或单台设备（二选一）</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/preventive.py" line="103" />
      <source>kind: one of {kinds}</source>
      <translation>类型：必须是 {kinds} 之一</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/preventive.py" line="106" />
      <source>priority: one of {priorities}</source>
      <translation>优先级：必须是 {priorities} 之一</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/preventive.py" line="112" />
      <source>category: unknown category {category!r}</source>
      <translation>类别：未知类别“{category}”</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/preventive.py" line="90" />
      <source>name: at most 200 characters</source>
      <translation>名称：最多 200 个字符</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/preventive.py" line="95" />
      <source>every_days: must be a positive number of days</source>
      <translation>周期：天数必须为正整数</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/preventive.py" line="97" />
      <source>every_days: at most {days} days</source>
      <translation>间隔天数：最多 {days} 天</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/preventive.py" line="99" />
      <source>day_of_month: between 1 and 31</source>
      <translation>每月几号：须在 1 到 31 之间</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/queries.py" line="51" />
      <source>--status: unknown status {status!r}</source>
      <translation>--status：未知状态“{status}”</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/queries.py" line="105" />
      <source>period: times need a time zone offset</source>
      <translation>期间：时间需要带时区偏移</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/queries.py" line="107" />
      <source>period: the end is not after the start</source>
      <translation>期间：结束时间不晚于开始时间</translation>
    </message>
    <message>
      <location filename="../../ops_console/services/workorders/queries.py" line="58" />
      <source>no user named {assignee!r}</source>
      <translation>没有名为“{assignee}”的用户</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/bounds.py" line="31" />
      <source>{where}: {value}: the year must be between {low} and {high}</source>
      <translation>{where}：{value}：年份必须在 {low} 到 {high} 之间</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/bounds.py" line="58" />
      <source>{where}: {value} is not a finite number</source>
      <translation>{where}：{value} 不是有限的数值</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/bounds.py" line="62" />
      <source>{where}: must not be negative</source>
      <translation>{where}：不能为负数</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/bounds.py" line="64" />
      <source>{where}: {value} is out of range (0 to {high})</source>
      <translation>{where}：{value} 超出范围（0 到 {high}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/bounds.py" line="71" />
      <source>{where}: {value} has more than {places} decimals</source>
      <translation>{where}：{value} 的小数超过 {places} 位</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/bounds.py" line="83" />
      <source>{where}: {value} is out of range ({low} to {high})</source>
      <translation>{where}：{value} 超出范围（{low} 到 {high}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/bounds.py" line="54" />
      <source>{where}: {value} is not a number</source>
      <translation>{where}：{value} 不是数字</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="105" />
      <source>{where}: "{text}" is not a date (expected YYYY-MM-DD)</source>
      <translation>{where}：“{text}”不是日期（应为 YYYY-MM-DD）</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="53" />
      <source>{where}: {instant} has no time zone offset</source>
      <translation>{where}：{instant} 没有时区偏移</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="81" />
      <source>{where}: "{text}" is not a weekday (expected one of {weekdays})</source>
      <translation>{where}：“{text}”不是星期几（应为 {weekdays} 之一）</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="151" />
      <source>{where}: expected a list of "HH:MM-HH:MM" texts</source>
      <translation>{where}：应为“HH:MM-HH:MM”文字的列表</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="205" />
      <source>{where}: expected a list of dates (YYYY-MM-DD)</source>
      <translation>{where}：应为日期列表（YYYY-MM-DD）</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="225" />
      <source>{where}: expected a table of date = "weekday"</source>
      <translation>{where}：应为“日期 = 星期几”的表</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="68" />
      <source>{where}: "{name}" is not a known time zone</source>
      <translation>{where}：“{name}”不是已知的时区</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="292" />
      <source>calendar: {day} is both a holiday and a make-up working day</source>
      <translation>calendar：{day} 既是节假日又是调休工作日</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="298" />
      <source>calendar.makeup_days: {day} names no weekday</source>
      <translation>calendar.makeup_days：{day} 未指定星期几</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="309" />
      <source>calendar: expected hours for 7 weekdays, got {n}</source>
      <translation>calendar：应有 7 天的工作时间，实际 {n} 天</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="327" />
      <source>calendar: no working hours on any weekday</source>
      <translation>calendar：每天都没有工作时间</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="354" />
      <source>{where}: unknown key "{key}"</source>
      <translation>{where}：未知的键“{key}”</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="569" />
      <source>business time needs times with a time zone offset</source>
      <translation>计算工作时间需要带时区偏移的时间</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="587" />
      <source>business seconds to add must not be negative</source>
      <translation>要增加的工作时间秒数不能为负数</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="159" />
      <source>{place}: "{item}" is not a span of hours like "08:30-12:00"</source>
      <translation>{place}：“{item}”不是“08:30-12:00”这样的时段</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="170" />
      <source>{place}: "{item}" has a time that is not a time of day (00:00-24:00)</source>
      <translation>{place}：“{item}”中的时间不在一天之内（00:00-24:00）</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="186" />
      <source>{where}: "{first}" and "{second}" overlap</source>
      <translation>{where}：“{first}”与“{second}”重叠</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="281" />
      <source>calendar: a 24x7 calendar has no holidays or make-up days; give working hours per weekday instead</source>
      <translation>calendar：7×24 日历没有节假日或调休日；请改为按星期填写工作时间</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="178" />
      <source>{place}: "{item}" ends before it starts</source>
      <translation>{place}：“{item}”结束早于开始</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="317" />
      <source>calendar.{day}: a span ends before it starts</source>
      <translation>calendar.{day}：有时段结束早于开始</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/calendar.py" line="322" />
      <source>calendar.{day}: working spans overlap</source>
      <translation>calendar.{day}：工作时段重叠</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/lifecycle.py" line="127" />
      <source>unknown work-order status "{value}" (known: {known})</source>
      <translation>未知工单状态“{value}”（可用：{known}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/lifecycle.py" line="128" />
      <source>unknown work-order action "{value}" (known: {known})</source>
      <translation>未知工单操作“{value}”（可用：{known}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/lifecycle.py" line="129" />
      <source>unknown role "{value}" (known: {known})</source>
      <translation>未知角色“{value}”（可用：{known}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/lifecycle.py" line="251" />
      <location filename="../../ops_console/domain/verification.py" line="99" />
      <source>a user with the role {role} may not {action} work orders; allowed: {who}</source>
      <translation>角色为{role}的用户不能{action}工单；可以执行的是：{who}</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/lifecycle.py" line="176" />
      <source>cannot {action} a work order that is {status}; allowed now: {allowed}</source>
      <translation>无法{action}状态为“{status}”的工单；当前可执行：{allowed}</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/lifecycle.py" line="245" />
      <source>a technician may {action} only work orders assigned to them</source>
      <translation>运维工程师只能{action}分派给自己的工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/lifecycle.py" line="277" />
      <source>a hold needs a reason code</source>
      <translation>挂起需要选择原因</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/lifecycle.py" line="286" />
      <source>a hold for reason "other" needs a text: "other: why"</source>
      <translation>原因为“其他”的挂起需要填写说明</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/lifecycle.py" line="298" />
      <source>cancelling a work order needs a reason</source>
      <translation>取消工单需要填写原因</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/lifecycle.py" line="170" />
      <source>cannot {action} a work order that is {status}; allowed now: nothing, a {status} work order is final</source>
      <translation>无法{action}状态为“{status}”的工单；“{status}”的工单已是最终状态，不能再操作</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/lifecycle.py" line="185" />
      <source>cannot resume: the status before the hold is unknown ({held_from!r}); expected assigned or in_progress</source>
      <translation>无法恢复：挂起前的状态未知（{held_from}）；应为已派单或处理中</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/lifecycle.py" line="250" />
      <source>the assigned technician</source>
      <translation>被分派的运维工程师</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/lifecycle.py" line="282" />
      <source>unknown hold reason "{code}" (known: {known})</source>
      <translation>未知挂起原因“{code}”（可用：{known}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/lifecycle.py" line="312" />
      <source>unknown criticality "{criticality}" (known: {known})</source>
      <translation>未知重要程度“{criticality}”（可用：{known}）</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/phone.py" line="33" />
      <source>contact phone</source>
      <translation>联系电话</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/phone.py" line="37" />
      <source>{field}: {phone!r} is not a mainland mobile (13912345678) or landline number with its area code (010-12345678, 0571-8888888), optionally with +86</source>
      <translation>{field}：{phone!r} 不是有效的大陆手机号（13912345678）或带区号的固定电话（010-12345678、0571-8888888），可带 +86</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/sla.py" line="486" />
      <source>period: --to {to} is before --from {start}</source>
      <translation>统计期间：--to {to} 早于 --from {start}</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/sla.py" line="526" />
      <source>no SLA policy was in force on {created_at}</source>
      <translation>{created_at} 时没有生效的 SLA 策略</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/sla.py" line="125" />
      <source>invalid SLA terms</source>
      <translation>SLA 条款无效</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/sla.py" line="390" />
      <source>event {n} ({kind}): events are out of time order</source>
      <translation>第 {n} 个事件（{kind}）：事件未按时间顺序排列</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/sla.py" line="395" />
      <source>event {n} ({kind}): a history starts with exactly one created</source>
      <translation>第 {n} 个事件（{kind}）：历史必须以唯一一个 created 开始</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/sla.py" line="115" />
      <source>response_minutes must be a positive number of minutes</source>
      <translation>response_minutes 须为正的分钟数</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/sla.py" line="117" />
      <source>resolution_minutes must be a positive number of minutes</source>
      <translation>resolution_minutes 须为正的分钟数</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/sla.py" line="119" />
      <source>warning_ratio must be above 0 and at most 1</source>
      <translation>warning_ratio 须大于 0 且不超过 1</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/sla.py" line="121" />
      <source>penalties must not be negative</source>
      <translation>罚金不能为负数</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/sla.py" line="315" />
      <location filename="../../ops_console/domain/sla.py" line="794" />
      <source>event {n} ({kind}): time has no time zone offset</source>
      <translation>第 {n} 个事件（{kind}）：时间没有时区偏移</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/sla.py" line="382" />
      <source>event {n}: unknown kind "{kind}"</source>
      <translation>第 {n} 个事件：未知类型“{kind}”</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/sla.py" line="384" />
      <source>event 1 ({kind}): a history starts with created</source>
      <translation>第 1 个事件（{kind}）：历史必须以 created 开始</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/text.py" line="53" />
      <source>{field}: longer than {n} characters</source>
      <translation>{field}：超过 {n} 个字符</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/text.py" line="41" />
      <source>{field}: control character {code} is not allowed</source>
      <translation>{field}：不允许控制字符 {code}</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/text.py" line="47" />
      <source>{field}: bidirectional control {code} is not allowed</source>
      <translation>{field}：不允许双向文本控制符 {code}</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/training.py" line="44" />
      <source>course {code}: validity must be a positive number of months</source>
      <translation>课程 {code}：有效期必须为正的月数</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/verification.py" line="106" />
      <source>a verification note is required: say what was checked (and with whom)</source>
      <translation>必须填写验收说明：写明核实了什么（以及与谁核实）</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/verification.py" line="121" />
      <source>a reason is required to reopen: say why the fix did not hold</source>
      <translation>重新打开需要理由：请说明问题为何未解决</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/verification.py" line="77" />
      <source>only a liaison of the work order's community may verify and close it</source>
      <translation>只有工单所在社区的联络员可以验收并关闭</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/verification.py" line="81" />
      <source>a liaison verifies the work order: an override reason is only for a manager's close without the liaison</source>
      <translation>联络员进行验收：越权理由仅用于管理人员在联络员未验收时关闭工单</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/verification.py" line="94" />
      <source>this community has no liaison: a manager verifies in their place, with a verification note and no override reason</source>
      <translation>该社区没有联络员：由管理人员代为验收，填写验收说明，无需越权理由</translation>
    </message>
    <message>
      <location filename="../../ops_console/domain/verification.py" line="88" />
      <source>the community's liaison verifies this work order: a manager's close without the liaison is an override and needs a written reason</source>
      <translation>此工单应由社区联络员验收：管理人员不经联络员关闭属于越权关闭，需要书面理由</translation>
    </message>
    <message>
      <location filename="../../ops_console/reports/api.py" line="158" />
      <source>--community: no community named {name!r} (or you are not assigned to it)</source>
      <translation>--community：没有名为 {name!r} 的社区（或您未被分配到该社区）</translation>
    </message>
    <message>
      <location filename="../../ops_console/reports/api.py" line="171" />
      <source>--contract: no contract with code {code!r} in your communities</source>
      <translation>--contract：您负责的社区中没有编号为 {code!r} 的合同</translation>
    </message>
    <message>
      <location filename="../../ops_console/reports/api.py" line="167" />
      <source>--contract: no contract with code {code!r}</source>
      <translation>--contract：没有编号为 {code!r} 的合同</translation>
    </message>
    <message>
      <location filename="../../ops_console/reports/output.py" line="35" />
      <source>{what} {path}: is a folder, not a file name</source>
      <translation>{what} {path}：这是文件夹，不是文件名</translation>
    </message>
    <message>
      <location filename="../../ops_console/reports/output.py" line="39" />
      <source>{what} {path}: the folder {folder} does not exist</source>
      <translation>{what} {path}：文件夹 {folder} 不存在</translation>
    </message>
    <message>
      <location filename="../../ops_console/reports/output.py" line="43" />
      <source>{what} {path}: the folder {folder} is not writable</source>
      <translation>{what} {path}：文件夹 {folder} 不可写</translation>
    </message>
    <message>
      <location filename="../../ops_console/reports/output.py" line="50" />
      <source>{what} {path}: the file exists and is read-only</source>
      <translation>{what} {path}：文件已存在且为只读</translation>
    </message>
    <message>
      <location filename="../../ops_console/reports/output.py" line="69" />
      <source>{what} {path}: cannot write: {reason}</source>
      <translation>{what} {path}：无法写入：{reason}</translation>
    </message>
    <message>
      <location filename="../../ops_console/reports/sla/statement.py" line="31" />
      <source>the SLA statement is per contract: choose one of the contracts in scope ({codes})</source>
      <translation>SLA 结算单按合同出具：请从范围内的合同中选择一个（{codes}）</translation>
    </message>
  </context>
</TS>
