"""The cue phrases of each kind of change, in the languages the watcher meets (see `classify` for how they weigh)."""

from __future__ import annotations

import re

_I = re.I

CUES: dict[str, re.Pattern[str]] = {
    "corrigendum": re.compile(
        r"corrigend|\berratum|\bcorrection\b|corrects? (?:an? )?(?:error|typo)|rectificatif|berichtigung|rettifica"
        r"|corrección de errores|retificação|更正|勘误|정정\s*(?:공고|고시|보도|공포)|정오표|正誤|consequential amendment"
        r"|technical amendment|errata corrige|errata\b|erro material|error material|errore materiale|erreur matérielle"
        r"|republished to correct|republica(?:da|do|ção) (?:por|em decorrência|para corrigir)"
        r"|다른 법률의 개정|他の法律の一部改正|他の法律の改正|其他法律的修改", _I),
    "enforcement": re.compile(
        r"\bfined\b|imposes? (?:a )?fines?|\bfines\s+(?-i:[A-Z])[\w&.-]+,?\s+(?:[\w&.-]+\s+)?(?:for|over|€|\$|£)|penalt(?:y|ies) (?:of|imposed)"
        r"|(?:commission|authority|regulator|watchdog|agency|garante|cnil|\bico|\bftc|\bcma|ofcom|anpd) fines\b"
        r"|(?:open|launch|start|initiat|widen|extend)(?:s|es|ed|ing)? (?:an? |its |the |new |formal |further )*"
        r"(?:investigation|proceedings|inquiry|probe)\b|\bprobes\b|formal proceedings|\bbanned from\b"
        r"|(?:proposed |\b)settlement with|consent (?:order|decree|agreement)|civil penalt|\bcomplaint (?:against|alleg)"
        r"|시정(?:권고|명령)|실태점검|행정처분|시정조치"
        r"|refers? .{0,80}court of justice|failing to (?:transpose|comply)|infringement (?:procedure|proceeding)s?"
        r"|enforcement (?:action|campaign|decision|notice|order)|compliance (?:checks|inspections|sweeps?)\b|penalty notice|notice of intent to (?:fine|impose)|sanction(?:ed|s)? (?:against|on)|\bprobe\b|cease.and.desist"
        r"|\bistruttoria\b|\bindagine\b|procedimento sanzionatorio|\benquête\b|mise en demeure|procédure de sanction"
        r"|sanction(?:ne|née|s)? (?:de|contre|à l'encontre)|investigación|expediente sancionador|procedimiento sancionador"
        r"|processo (?:administrativo )?sancionador|fiscalização|ermittlungsverfahren|verfahren (?:gegen|eingeleitet)"
        r"|\bcrackdown\b|\bsweep\b|reach(?:es|ed)? (?:a |an )?(?:\w+ ){0,2}settlement|obtain(?:s|ed)? (?:a |an )?settlement|(?:sends?|sent|issues?|issued|addresse[sd]) (?:formal |new )?requests? for information|notifica(?:ção|cao|ou|r)? extrajudicial|extrajudicial(?:mente)?\b|に対し(?:て)?(?:も)?[、,]?[^。\n]{0,40}(?:指導|勧告|命令|注意喚起)を?(?:行|実施|出|発)"
        r"|处罚|罚款|专项行动|整治|清朗|执法检查|约谈|依法(?:进行了?|予以)?处置|잠정\s?중단|다운로드.{0,6}중단|查处|责令|立案调查|关停|下架|과징금|과태료 부과|制裁|是正勧告|multa|\bamendes?\b|bußgeld|sanzione|sanción"
        # damages or orders imposed by a court or an authority
        r"|indeniza(?:ção|cao)|indemnizaci[óo]n|ordered to pay|condenad[oa]s? a pagar|limitazione (?:provvisoria )?(?:del|al) trattamento"
        r"|ordinanza.ingiunzione|\bingiunzione\b|(?:court|tribunal) (?:ordered|fined)", _I),
    "consultation": re.compile(
        r"consultation|(?:is|are|was|were|now|currently) consulting\b|\bconsult(?:ing|s) (?:on|until|the public|stakeholders)\b"
        r"|invited to send (?:in )?(?:their |your )?(?:observations|comments)"
        r"|call for (?:evidence|comments|input|views|contributions)|request for (?:information|comments?)"
        r"|\bRFI\b|public comment|comments? (?:are|is) (?:due|invited|welcome)|invites? (?:comments|feedback|views)"
        r"|seek(?:s|ing)? (?:feedback|comments|views|input)|submit (?:comments|feedback|views)|comment period"
        r"|(?:take|takes|taking|accept|accepts|accepting|receive|receives|receiving) (?:public |written )?(?:comments|feedback|submissions)"
        r"|\bwelcome[sd]? (?:your |any |public )?(?:feedback|comments|input|views)"
        r"|(?:give|provide|send) (?:\w+ )?feedback on (?:the|this) (?:draft|proposal|proposed)"
        r"|征求意见|公开征求|意见反馈|公众(?:谘|咨|諮)(?:询|詢)|(?:谘|咨|諮)(?:询|詢)文件|征询公众意见|徵詢公眾意見|征詢公眾意見|情報(?:の|を)?募集|입법예고|행정예고|의견.{0,6}(?:제출|수렴|청취|들어|들었|모았|모으)|(?:蒐集|搜集|收集|征集|徵集)(?:各界|公众|公眾|外界|社会|社會)?(?:意見|意见)|眾開講|公共政策網路參與平臺|의견을? 듣(?:고|는다|기로)|意見(?:の|を)?募集|パブリック.?コメント|パブコメ|意見公募"
        r"|(?:abre|abriu|abrem) (?:o )?prazo para (?:o envio de )?(?:sugestões|contribuições|propostas|comentários)"
        r"|(?:envio|enviar|mandar|receber) (?:de )?sugestões|consulta pública|consultation publique|konsultation|(?:verbände|länder)?anhörung(?!stermin)|consultazione|contribuições|tomada de subsídios"
        r"|have your say|(?:send|share|submit|give|express) (?:their|your|its) (?:views|opinions)|예고\s*기간"
        r"|open (?:for|to) (?:\w+ ){0,2}(?:reactions|comments|feedback|contributions|input|views)|contributions? (?:are|is) welcome"
        r"|apert[ieoa] (?:ai|a|alle) (?:contribut|osservazion|comment)|ouverte?s? aux (?:contributions|commentaires)"
        r"|abert[oa]s? (?:a|para) contribuições|participação social", _I),
    "draft": re.compile(
        r"\bdraft\b|\bproposal\b|\bproposed\b|introduc(?:ed|es) (?:a |the )?(?:bill|legislation)|草案|征求意见稿"
        r"|(?:re)?introduc(?:e|es|ed|ing)\s+(?:the\s+)?(?:bipartisan\s+|bicameral\s+)?[\"“][^\"”\n]{1,60}[\"”]"
        r"|(?:senators?|representatives?|lawmakers?|legislators?|congressm[ae]n|deputad[oa]s?|députés?|abgeordnete)\b"
        r"[^.\n]{0,160}\b(?:re)?introduc(?:e|es|ed)\b"
        r"|法律案|법률안|발의|법안|초안|시행령\s?안|제정안|骨子案|素案|(?<=[\u4e00-\u9fff\u30a0-\u30ff])(?<![备備档檔答个個立])案(?![件内])|projeto de lei|proposta"
        r"|proposition de (?:loi|règlement|directive|décision)|\bpropos(?:e|es|ent|ée?s?)\b(?! (?:de|à))"
        r"|proposta di (?:legge|regolamento|direttiva)|propuesta de (?:ley|reglamento|directiva)|proposta de (?:lei|regulamento)"
        r"|vorschlag|entwurf|disegno di legge|proyecto de ley|anteproyecto|avant-projet"
        r"|\b(?:a|ont|avait)\s+(?:présent|dévoil|rendu\w* publiqu)\w*[^.\n]{0,40}\bune réforme"
        r"|projet (?:de (?:loi|décret|règlement|texte|ordonnance|désignation)|d'(?:ordonnance|arrêté))"
        # a bill tracker's or congress.gov record's first steps
        r"|introduced in (?:the )?(?:senate|house)|read twice and referred|referred to the (?:committee|subcommittee)"
        r"|introduced date:|do enact as follows|be it enacted by"
        r"|\b(?:re)?introduced (?:to|in|into) (?:the )?(?:state )?(?:house|senate|assembly|legislature|congress)", _I),
    "adopted": re.compile(
        r"\badopt(?:ed|s)\b|signed (?:into law|the|by)|\benacts\b|sign(?:s|ed)? off on\b"
        r"|signed (?:(?:house|senate|assembly) bill|[HSA]\.?B\.?|H\.?F\.?|S\.?F\.?)\s*\d|\bsigns?\b.{0,40}\b(?:law|act|bill|order)|enacted|promulgat"
        r"|published in the official journal|official journal|final approval|(?:general assembly|security council|council of ministers)\s+(?:has\s+|have\s+)?decided\b|\bseal(?:s|ed)\b(?!\s+(?:a\s+|the\s+)?(?:political\s+)?(?:deal|agreement|off|fate))|became law|chaptered"
        r"|\binstituiu\b|passou a contar com (?:uma )?norma"
        r"|(?:issu|sign|releas|unveil)\w*\b[^.\n]{0,80}\bexecutive orders?\b|executive orders?(?: (?:no\.? )?\d{4,5})?,? (?:were |was )?(?:issued|signed)|(?m:^\W*presidential documents?\W*$)"
        r"|by the authority vested in me|(?:give|gives|gave|given)\s+(?:its\s+|their\s+|the\s+)?(?:final\s+)?(?:green light|approval|go-ahead)"
        r"|instrument of ratification|\bratif(?:ies|ied|y)\b|\bratification of\b|ratific(?:a|ou|ó)\b|ratifiziert"
        r"|governor approved|approved by (?:the )?governor|signed by (?:the )?governor|(?<!re)public act\b"
        r"|审议通过|表决通过|三读通过|获得通过|获通过|公布(?=《)|公布(?![^，。\n]{0,24}(?:信息|情况|名单|数据|统计|结果|清单|名录))|颁布|印发|签署|施行日期|의결|공포|可決"
        r"|成立|採択|채택(?:했|됐|되었|하였)|署名|sancion|promulga"
        r"|adopté|verabschiedet|approvato definitivamente|aprobad[oa] definitivamente|\bassina|\bsigne\b|sign(?:ed|s|ing) the"
        r"|\bsigns?\b.{0,60}\b(?:treaty|convention|declaration)|enrolled|royal assent|出台"
        r"|联合声明|聯合聲明|共同声明|共同聲明|\bjoint statement\b|共同宣言|déclaration (?:conjointe|commune)|communiqué final"
        r"|(?:ont|a) (?:signé|approuvé|adopté|endossé) la déclaration|declaração conjunta|gemeinsame erklärung|dichiarazione congiunta"
        r"|(?<![征])发布了?《[^》]{1,40}(?:办法|规定|条例|细则|决定|宣言|声明)》(?![（(]?(?:征求意见稿|草案))|(?:联合|正式)发布[^，。\n]{0,24}(?:办法|规定|条例|细则)(?!》?\s*[（(]?(?:征求意见稿|草案))|施行日期|공포"
        r"|approvat[oa] in via definitiva|gazzetta ufficiale|diario oficial|journal officiel|amtsblatt|diário oficial"
        r"|bundesgesetzblatt|bolet[íi]n oficial|官报|官報|관보|(?:interim )?final rule|final regulations"
        r"|approved by (?:the )?(?:office of administrative law|OAL)\b|批准发布|notif(?:y|ies|ied) (?:the )?(?:\w+ ){0,8}(?:rules|regulations|amendments?)\b"
        r"|gazette of india|in the (?:official )?gazette|put (?:his|her|their) (?:name|signature) to"
        r"|국무회의.{0,6}(?:통과|의결)|본회의.{0,6}통과"
        # a Federal Register record of a signed executive order
        r"|executive order number: \d|signing date: \d|became public law"
        r"|(?:ended|concluded|closed|wrapped up) with (?:a |the )?(?:joint )?(?:declaration|statement|communiqu)|\bsignatories\b"
        r"|\bpass(?:es|ed)\b (?:the |a |its )?(?:[\w-]+ ){0,3}(?:law|act)\b(?! of)"
        # a treaty chart's column a new date was entered in
        r"|(?<=\|)\s*(?:ratification|ratificação|ratificación|ratifica|accession|adhésion)\s*(?=\||$)", _I),
    "in-force": re.compile(
        r"enter(?:s|ed)? into force|entry into force|came into (?:force|effect)|comes into (?:force|effect)"
        r"|(?:go|goes|going|went) into effect"
        r"|takes effect|took effect|(?:now|officially) in (?:force|effect)|start(?:s|ed)? to apply|now appl(?:y|ies)"
        r"|bec(?:ome|omes|ame|oming) applicable|(?:newly|now) effective"
        r"|부터[^.。\n]{0,60}(?:금지된다|금지됩니다|제한된다|제한됩니다|적용된다|적용됩니다)"
        r"|施行した|施行しました|施行を開始|を施行(?=[―—\-\s、。」]|$)|(?<=[\u4e00-\u9fff])施行$|正式施行|起施行|正式实施|开始施行|开始实施|開始實施|開始施行|(?:已|正式)(?:于|於)[^，,。\n]{0,16}(?:生效|施行|实施|實施)|(?<![^\n•·\s])已实施(?=\s*(?:\n|$))|시행(?=된다|됐다|되었다|됩니다|됐습니다|되었습니다|\s*중|에\s*들어|\s*첫날|\s*\d|\s*$|\s*[.…])|본격\s*시행|부터\s*(?:\S{1,4}\s)?시행|施行された|施行される|発効"
        r"|entra(?:rá)? em vigor|entrou em vigor|entre en vigueur|entrée en vigueur|in kraft getreten|tritt in kraft"
        r"|entra in vigore|entrata in vigore|entr(?:e|ent|ée|ées|és?|era|eront) en application|nouvelle (?:étape|phase) (?:dans|de) l'application|désormais au tour d[eu]s?\b[^.\n]{0,80}de s'appliquer|commencent? à s'appliquer|s'appliquent? désormais|entrat[ae] in applicazione|entrad?a en aplicación|devien(?:t|nent|dra|dront) applicables?|entra en vigor|entrada en vigor|kick(?:s|ed)? in\b|\bbites? (?:from|on)\b"
        r"|with effect from|c[oa]mes? into operation|came into operation|start(?:s|ed)? enforcing|enforcement (?:starts|begins|began)|\bsince \d{1,2}(?:st|nd|rd|th)? [a-z]+ \d{4},?[^.\n]{0,120}\b(?:has|have) been (?:illegal|unlawful|an offence"
        r"|a criminal offence|a crime|banned|prohibited)\b|(?:今天|今日|即日|今)起.{0,4}(?:施行|实施|实行|生效)|今\s*[(（]\d{1,2}[)）]\s*日起|(?<!将)上路|正式实行|起实行|全面施行|施行となる"
        r"|\bvigente\b|\bcommencement\b|\bcommences? on\b|in vigore dal|operativ[ei] (?:le|i|gli) |(?:sont|est) désormais (?:applicables?|opposables?)"
        r"|depuis le \d{1,2}(?:er)? [a-zéû]+ \d{4},[^.\n]{0,80}(?:n'est plus|ne sont plus|est désormais|sont désormais|doivent|doit)"
        r"|\bsince \d{1,2} [A-Za-z]+ \d{4},[^.\n]{0,80}\b(?:must|are (?:now )?(?:required|prohibited|banned)|no longer)"
        r"|\bin (?:effect|force) since\b|\bopposables?\b|now (?:binding|enforceable|operative)|jetzt (?:verbindlich|anwendbar)|seit dem .{0,20}(?:verlangt|gelten|gilt)\b"
        r"|(?:gelten|gilt) (?:bereits )?seit\b|\b(?:have|has) applied since|\bappl(?:y|ies) since|applicable since", _I),
    "guideline": re.compile(
        r"guideline|(?<![a-z])guidance|\bQ&A\b|\bFAQ|template|code of (?:practice|conduct)|codes? de (?:bonnes pratiques|conduite)"
        r"|verhaltenskodex|codice di (?:buone pratiche|condotta)|código de (?:buenas prácticas|conducta|boas práticas|conduta)|recommendation|\bmemo(?:s|randum|randa|randums)?\b"
        r"|toolkit|handbook|best practice|\bcirculars?\b(?! letter| econom)|position paper|policy paper|white paper|roadmap|methodolog(?:y|ies)|méthodologie|metodologia|metodología|prise de position|(?:rend publique|publie) sa position|technical assistance|\badvisor(?:y|ies)\b(?!\s+(?-i:[A-Z])|\s+(?:or|and|committee|board|body|council|group|panel|forum|role|capacity|service|firm))|(?:releas|issu|publish)\w* (?:a )?new resources?\b"
        r"|\breport (?:proposes|sets out|provides|presents|offers|outlines|recommends)\b|checklist|チェックリスト"
        r"|(?:とりまとめ|取りまとめ|報告書)を?(?:公表|公開|策定)|(?:기본\s?)?원칙['’」]?\s*(?:을|를)?\s*(?:내놨|내놔|발표|공개|마련)|정책\s?방향|(?:とりまとめ|取りまとめ)ました|指南|指引|框架(?=》|〉)|ガイドライン|指針|가이드라인|안내서|가이드(?!라인)|관리\s?모델|orientaç|diretriz"
        r"|lignes directrices|recommandation|leitlinie|leitfaden|linee guida|directrices|guía|handreichung|merkblatt"
        r"|orientierungshilfe|vademecum|fiche pratique|\bguides?\b|guias?\b|(?<!principales )(?<!grandes )\borientations\b"
        r"|(?<=[\u3040-\u30ff\u4e00-\u9fff「])ガイド(?!ライン)|"
        r"questions and answers|perguntas e respostas|questions[- ]réponses|fragen und antworten|domande e risposte"
        r"|preguntas y respuestas|よくある質問|常见问题|问答|질의응답|자주\s?묻는", _I),
    "deadline": re.compile(
        r"postpon|delay(?:ed|s)? (?:the|until|to|by)|defer(?:red|s)?|push(?:ed|es)? back(?! against)|moved (?:to|from)|moves (?:\w+ ){0,4}(?:to|from) (?:\d|[A-Z][a-z]+ \d)"
        r"|stop.the.clock|extend(?:ed|s)? the deadline|deadline (?:is|was) (?:extended|moved)|new deadline"
        r"|timeline|will apply from|推迟|延期|延后|유예|연기|延期|先送り|adiad|prorrog|report(?:é|e) |verschoben"
        r"|rinvi|aplaza|pospon|more time|extra (?:time|months)|later date|mov(?:e|es|ed|ing) the (?:start|date|deadline)"
        r"|(?:will not|won't|not to|does not|do not) (?:begin |start )?enforc\w*[^.\n]{0,60}\b(?:before|until)\b"
        r"|(?:ahead of|before|to meet|meeting|approaching|looming|upcoming|imminent) (?:the |a |an |its )?(?:[\w.,]+ ){0,4}deadlines?\b"
        r"|compliance deadline|deadline (?:is|looms|nears|approaches|arrives)\b", _I),
}
