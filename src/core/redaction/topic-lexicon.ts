/**
 * Cue phrases per topic with a weight: 1 means the phrase alone makes the segment about the
 * topic, 0.4 means it needs company (a second cue, or a secrecy cue such as "off the record"), and
 * a subject (0.2) counts only when the speaker signals it is confidential ("not public yet").
 * Phrases are matched as whole words on lower-cased text; `*` ends a stem ("litigat*").
 */
export const TOPICS = ['LEGAL', 'SECURITY', 'PERSONNEL', 'FINANCIAL', 'HEALTH', 'COMPETITIVE'] as const;
export type Topic = (typeof TOPICS)[number];

export interface Cue {
  readonly phrase: string;
  readonly weight: number;
}

const strong = (...phrases: string[]): Cue[] => phrases.map((phrase) => ({ phrase, weight: 1 }));
const weak = (...phrases: string[]): Cue[] => phrases.map((phrase) => ({ phrase, weight: 0.4 }));
/** What a confidential remark may be about: counts only with a secrecy cue in or just before the turn. */
const subject = (...phrases: string[]): Cue[] => phrases.map((phrase) => ({ phrase, weight: SUBJECT_WEIGHT }));
export const SUBJECT_WEIGHT = 0.2;

export const TOPIC_CUES: Readonly<Record<Topic, readonly Cue[]>> = {
  LEGAL: [
    ...strong('lawsuit*', 'litigat*', 'sue', 'suing', 'sued', 'legal strategy', 'outside counsel', 'our lawyers', 'their lawyers',
      'subpoena*', 'deposition*', 'plaintiff*', 'defendant*', 'cease and desist', 'class action', 'injunction*', 'arbitration',
      'attorney-client', 'attorney client', 'privileged and confidential', 'legal hold', 'patent infringement', 'infring*',
      'breach of contract', 'settlement talks', 'settled with', 'deposed', 'deposing', 'deposition*', 'inquiry into', 'open investigation', 'being investigated', 'investigation (?:from|by|into)', '[\\w-]+ suit against', 'filed a (?:[\\w-]+ )?suit', 'suit against us', 'attorney general', "ag's office", 'settlement offer', 'settle the case', 'settle out of court', 'court filing*',
      'file a claim', 'legal action', 'take them to court', 'regulator* investigation', 'consent decree', 'the judge',
      // Settlements' and exits' legal terms, whistleblowing.
      'gag clause', 'gag order', 'confidentiality clause', 'non-disparagement', 'whistleblow*'),
    ...weak('legal', 'lawyer*', 'counsel', 'attorney*', 'liability', 'dispute*', 'settlement', 'court', 'claim against', 'indemnif*',
      'compliance issue*', 'regulator*', 'the case', 'settl(?:e|ing) with', 'filed a complaint', 'the sec',
      '(?:sec|ftc|doj|fca|cma|eeoc|osha) (?:inquiry|investigation|probe|matter|thing|complaint|case)'),
    ...subject('inquiry', 'investigation', 'investigat*', '(?:patent|trademark|copyright|employment) case', 'looking (?:at|into) how (?:we|they)', 'data protection', 'authority', 'probe', 'allegation*', 'clause', 'settled'),
  ],
  SECURITY: [
    ...strong('vulnerabilit*', 'zero-day', 'zero day', 'exploit*', 'data breach*', 'security breach*', 'security incident*',
      'ransomware', 'malware', 'phish*', 'compromised', 'unpatched', 'cve-*', 'pen test finding*', 'penetration test finding*',
      'attacker*', 'intrusion*', 'exfiltrat*', 'backdoor*', 'sql injection', 'cross-site scripting', 'privilege escalation',
      'remote code execution', 'incident response', 'got hacked', 'were hacked', 'was hacked', 'been hacked', 'hacker*',
      'leaked credentials', 'credential stuffing', 'ddos', 'security hole*', 'security flaw*', 'breached',
      'had a breach', 'a breach last', 'records got out', 'data got out', 'data leak*', 'the leak', 'wide open to the internet',
      'open to the internet', 'exposed to the internet', 'publicly accessible', 'publicly exposed', 'still exposed', 'fell for',
      'got into (?:the|our|their|a) (?:mailbox|network|system*|servers?|account*|database|email)', 'keys off github', 'crypto miner*',
      'nobody has patched', 'never patched', 'not patched', 'ransom', 'stolen credentials', 'account takeover', 'got breached',
      'spun up', '(?:was|were|got|been) stolen', "(?:wasn't|was not|weren't|were not|never|not) encrypted", 'unencrypted', 'public (?:github|repo*|bucket*)', '(?:was|were) public for', '(?:emailed|sent|mailed|went) to the wrong', 'logging in from', 'known hole', 'hole in (?:our|the|their)', 'still active', 'leaked (?:our|the|their|customer)', 'on a public (?:server|bucket|repo*|share|link)', 'with no password',
      'without a password', 'no authentication', 'wired money out', 'social engineer*', 'impersonat*',
      // Exposure: storage or systems anyone could reach, secrets posted where others can read them.
      '(?:open|exposed|unsecured|misconfigured) (?:s3 |cloud |storage )?(?:bucket*|database*|server*|elasticsearch|port*)',
      '(?:readable|accessible|downloadable|viewable|editable) (?:to|by) anyone (?:with|online|outside|on the internet)',
      '(?:password|passwords|credentials?|keys?|tokens?|secrets?) (?:[\\w-]+ ){0,4}(?:was|were|got) (?:posted|pasted|shared|committed|pushed|leaked|published)',
      // Payment fraud by e-mail.
      'spoof*', 'business email compromise', 'invoice fraud', 'wire fraud'),
    ...weak('breach', 'patch*', 'firewall*', 'security', 'hack*', 'outage', 'incident', 'unauthorized access', 'encryption keys',
      'root access', 'admin access', 'leaked', 'wide open', 's3 bucket*', 'fake (?:vendor|invoice|supplier)*'),
    ...subject('exposed', 'leak', 'aws keys', 'api keys', 'passwords', 'credentials', 'bucket', 'vpn', 'admins?', 'mailbox',
      'customer records', 'attack*', 'security', 'incident', 'breach', 'hack*', 'stolen', 'laptop', 'encrypted', 'logins?', 'secrets', 'repo*', 'rotat*', 'account (?:was|is) still'),
  ],
  PERSONNEL: [
    ...strong('fired', 'firing him', 'firing her', 'getting fired', 'laid off', 'layoff*', 'let go(?! of)', 'performance improvement plan',
      'disciplinary', 'hr investigation', 'harassment', 'complaint against', 'severance', 'demoted', 'demotion', 'reduction in force',
      'written warning', 'underperform*', 'terminated', 'termination of', 'put on a pip', 'on a pip', 'his salary', 'her salary',
      'their salary', 'resignation', 'resigning', 'handing in (?:his|her) notice', 'performance review*', 'misconduct',
      'headcount cut*', 'being managed out', 'poach*', 'letting (?:[\\w-]+ ){0,3}(?:people|staff|folks|employees|them|him|her|engineers|reps|everyone|everybody)(?: [\\w-]+){0,2} go',
      'being let go', 'laying (?:off|people off)', 'lay (?:off|people off)', 'on (?:his|her|their) way out', "won't have jobs", 'lose (?:their|his|her) jobs?',
      'cut(?:ting)? (?:the|our|their) (?:[\\w-]+ ){0,2}team', 'cut(?:ting)? (?:[\\w-]+ ){0,2}(?:roles|jobs|positions|heads)', 'redundanc*',
      'restructuring the (?:[\\w-]+ ){0,2}team', 'pushed out', 'forced out', 'written up', 'final warnings?', 'failed (?:his|her|their) probation', '(?:package|payout) to leave', 'threatening to (?:leave|quit)', '(?:of|in) the workforce', 'folded into', 'replacing (?:the|our|his|her|their) (?:[\\w-]+ ){0,2}(?:leadership|management|team|manager|director|head)', 'getting the boot', 'exit package*',
      'performance plan', '(?:department|team|division|roles?|jobs?|positions?) (?:goes|go|is going|are going) away'),
    ...weak('hr', 'human resources', 'reorg*', 'compensation', 'promotion', 'quitting', 'quit', 'his manager', 'her manager',
      'performance', 'attrition', 'bonus*', 'salary', 'salaries', 'personnel', 'employee relations', 'grievance*',
      // A site, office or department closed or sent elsewhere; people leaving; pay held back.
      '(?:clos(?:e|es|ing)|shut(?:ting)? down|shutter(?:ing)?) (?:the|our|their|its) (?:[\\w-]+ ){0,3}(?:office|site|plant|branch|location|department|team|division|warehouse|factory)',
      'outsourc*', 'offshor*', 'interviewing elsewhere', 'looking for other jobs', 'resigned',
      "(?:haven't|hasn't|didn't|won't|haven't been) (?:gotten|got|get|given|had) (?:a )?raises?", 'no raises', 'pay freeze', 'freezing pay', 'salary freeze'),
    ...subject('restructur*', 'headcount', 'vp of [\\w-]+', 'jobs', 'roles', 'positions', 'hiring freeze', 'manager', 'stepping down', 'step down', 'leaving', 'gave (?:her|his|their)? ?notice', 'giving notice', 'workforce', 'probation', 'warnings?', 'head of [\\w-]+', 'a raise', 'raise to', 'makes? (?:like |about |around )?[\\w-]+ (?:hundred|thousand|grand|k)', 'base salary', 'staff', 'trimming', 'off the project'),
  ],
  FINANCIAL: [
    ...strong('before earnings',
      'ahead of earnings', 'acquisition(?! of (?:new )?(?:customers|users|leads|talent|clients))', 'acquisitions', 'acquiring', 'acquire them', 'acquire us', '(?:be|being|been|get|getting) acquired', 'merger*', 'm&a', 'buyout',
      'takeover', 'due diligence', 'term sheet', 'ipo', 'going public', 'material non-public', 'material nonpublic', 'insider',
      'quiet period', 'missed (?:our|the) number*', 'revenue miss', 'earnings miss', 'unreleased results', 'preliminary results',
      'funding round', 'series [a-e]', 'valuation', 'profit warning', 'restatement', 'going concern', 'bankrupt*', 'chapter 11',
      'under plan', 'below plan', 'missed plan', 'missed (?:our|the) (?:quarter|target|forecast)', 'buying (?:a|another) (?:[\\w-]+ ){0,2}(?:company|startup|competitor|business)',
      'board approved', 'cutting (?:the|our) (?:[\\w-]+ ){0,2}budget', 'budget cut*', 'down (?:\\d+|[\\w-]+) (?:percent|%) year on year',
      'revenue is down', 'revenue (?:dropped|fell)', 'write-?down', 'cash crunch', 'months of runway', 'runway left', 'up for sale', 'write off', 'write-off', 'writing off', 'margin is (?:actually )?negative', 'negative margin*', 'budget (?:[\\w-]+ ){0,3}(?:cut|slashed|frozen|halved)', '(?:in|into) talks to (?:buy|acquire|merge|sell)',
      'write (?:down|off) (?:the |our |their )?(?:whole |entire )?(?:[\\w-]+ ){0,2}(?:business|division|unit|investment|goodwill|assets?|inventory|product line|subsidiary)',
      'impairment*', 'in default', 'default(?:ed|ing)? on (?:a |the |our |their |one of our |some of our )?(?:[\\w-]+ )?(?:loans?|debt|notes|bonds|covenants?)',
      'breach(?:ed|ing)? (?:a |the |our |their )?(?:loan |debt |bank )?covenants?', 'froze (?:all )?spending', 'spending freeze', 'restate*'),
    ...weak('earnings', 'quarterly results', 'guidance', 'revenue', 'margin*', 'forecast*', 'board meeting', 'investors', 'the deal',
      'confidential financial*', 'cash runway', 'burn rate', 'raise', 'raising'),
    ...subject('q[1-4]', 'quarter', 'budget', 'came in', 'profit*', 'year on year', 'year over year', 'deal', 'buying', 'selling the company', 'funding', 'runway', 'for sale', 'margin*', 'bookings', 'spending', 'cash', 'the numbers?', 'internal number*', 'biggest (?:client|customer)', 'a third of our revenue', 'buy one of', 'business unit', 'division'),
  ],
  HEALTH: [
    ...strong('diagnos*', 'cancer', 'chemo*', 'surgery', 'pregnan*', 'medication*', 'prescri*', 'therapist', 'mental health',
      'depression', 'disabilit*', 'medical leave', 'hospitali*', 'in the hospital', 'illness', 'chronic', 'diabetes', 'diabetic',
      'hiv', 'rehab', 'fmla', 'miscarriage', 'tumor', 'tumour', 'stroke', 'heart attack', 'seizure*', 'covid positive',
      'tested positive', 'blood pressure', 'my doctor', 'his doctor', 'her doctor', 'the doctor said', 'oncolog*', 'psychiatr*',
      'adhd', 'autism', 'bipolar', 'ptsd', 'parkinson*', 'alzheimer*', 'dementia', 'leuk[a]?emia', 'lymphoma', 'sclerosis', 'epilep*', 'asthma', 'arthritis', 'lupus', 'crohn*', 'hepatitis', 'pneumonia', 'insulin', 'dialysis', 'transplant', 'blood clot', 'concussion', 'burnout', 'burned out', 'relapse', 'addiction', 'eating disorder', 'schizophren*', 'in hospital', 'signed off (?:sick|with)', 'on sick leave', 'miscarr*', 'ivf', 'fertility',
      // Procedures named by their suffix: a hysterectomy, a colonoscopy, an angioplasty.
      '[a-z]+(?:ectomy|ectomies|oscopy|oplasty)'),
    ...weak('sick', 'sick leave', 'therapy', 'anxiety', 'condition', 'treatment', 'symptoms', 'appointment with', 'doctor',
      'health issue*', 'medical', 'injury', 'injured'),
  ],
  COMPETITIVE: [
    ...strong("competitor's internal", "competitor's roadmap", 'their internal roadmap', 'their internal pricing', 'leaked deck',
      'got a copy of their', 'got hold of their', "their confidential", 'their unreleased', 'poach their customers',
      'going out of business', 'about to go bankrupt', 'their product is insecure', 'their source code', 'from someone inside',
      'contact inside', 'friend at', 'former employee of', 'used to work there', 'their internal (?:[\\w-]+ ){0,2}(?:deck|sheet|numbers|plans?|doc*)', "[a-z]+'s? (?:internal|board) (?:[\\w-]+ ){0,2}(?:deck|sheet|numbers|plans?|doc*)", 'their (?:rep|sales guy|sales rep|account exec|ae) (?:sent|told|gave|shared|emailed)', 'go under', 'missed payroll', 'shopping the company', 'numbers are made up', 'made up numbers', 'never disclosed',
      'their price list', 'their pricing sheet', "[a-z]+'s? pricing sheet", 'their discount structure', 'misappropriat*',
      'held together with duct tape', 'going under', 'in real trouble', 'about to lose their', 'fakes? their', 'faking their',
      'lie about', 'lying about', 'lied about', 'their uptime is a joke', 'their product is (?:garbage|junk|a joke|a mess|terrible)',
      'none of (?:that|it) actually works', 'cooks? their (?:numbers|books)'),
    ...weak('competitor*', 'rival*', 'their pricing', 'their roadmap', 'battle card*', 'their customers', 'switch from',
      'compared to them', 'their product', 'their margins', 'their win rate', 'their churn', "[a-z]+'s (?:product|platform|software|tool|app|service|support)", 'their (?:platform|software|tool|app|service|support)', 'their uptime',
      'their sales (?:guys|people|team|reps)', 'their benchmark*', 'biggest customer', 'a joke', 'duct tape', 'garbage', 'trouble',
      "doesn't (?:actually )?work", 'actually works', 'falling apart', 'integrations',
      // Disparaging claims about another company's product or people.
      '(?:code|codebase|product|platform|software|app|support|service) is (?:a mess|garbage|junk|a joke|terrible|awful|a disaster|broken)',
      "(?:can't|cannot|couldn't) make payroll", 'insolven*'),
    ...subject("[a-z]+'s? (?:pricing|price|ceo|deck|roadmap|uptime|numbers|cost*|plans|quote|board)", 'quoted us', 'offered us', 'below list', 'made up', 'running out of (?:cash|money)', "[a-z]+'s (?:engineering|dev|development|sales|support|product) team", 'dropping support', 'shutting down', 'their (?:ceo|engineers?|rep|sales guy|board|roadmap)', 'privately'),
  ],
};

/** Cues that make any weak topic cue count double: the speaker knows it is sensitive. */
export const SECRECY_CUES: readonly string[] = [
  // Negated disclosure, people kept unaware, talk forbidden, notes kept clean: the general shapes.
  "(?:haven't|hasn't|have not|has not|didn't|did not) (?:disclosed?|announced?|reported?) (?:it|this|that|anything)(?: yet)?",
  "(?:haven't|hasn't|have not|has not) told (?:the |our |their )?(?:staff|team|employees|anyone|anybody|everyone|people|customers)",
  "(?:management|leadership|the board|my boss|my manager|the staff|employees|the team|anyone|anybody|hr) (?:doesn't|don't|does not|do not) know",
  "(?:don't|do not|can't|cannot|aren't supposed to|are not supposed to|not supposed to|not allowed to) talk about (?:it|this|that)",
  "shouldn't (?:be )?(?:say|saying|tell|telling|mention|mentioning|share|sharing)(?: (?:this|that|it))?",
  "(?:don't|do not) (?:put|write) (?:this|that|it) (?:in|into|down in) (?:your|the) (?:notes|crm|minutes|email|summary|recap)",
  'off the record', 'between us', 'between you and me', 'confidential', "don't share", 'do not share', "don't tell",
  'keep this quiet', 'keep it quiet', 'not public', 'nonpublic', 'under nda', 'under wraps', 'hush', 'not supposed to',
  "shouldn't be telling", 'just between', 'internal only', 'strictly private', "haven't told anyone", "hasn't been announced",
  'not announced', "isn't announced", "it's not announced", 'nobody knows', 'no one knows', 'not public yet', 'keep that quiet',
  "don't quote me", 'word is', 'i heard', 'rumou?r*', 'apparently', 'supposedly', 'unofficially', "isn't official", 'not official',
  "don't repeat", 'keep it out of', 'kept it out of', 'unannounced', 'not yet announced', 'confidentially', 'not for (?:your|the) (?:notes|minutes|record)', 'keep (?:this|it|that) (?:between us|to yourself)', "(?:isn't|is not|not|none of (?:it|this|that)(?:'s| is)) (?:public|out|official|announced)(?: yet)?", "(?:won't|will not) be announced", "(?:doesn't|don't|does not|do not) know (?:yet|about (?:it|this))", '(?:nobody|no one) outside', "didn't hear (?:it|this|that) from me", 'not disclosed', "(?:hasn't|has not|haven't|have not) been (?:disclosed|reported|made public|announced)", '(?:sent|shared|told|gave) (?:it |me |us |them )?privately', 'in a private', 'not to share', "(?:don't|do not|won't|will not) mention", "(?:can't|cannot) say", 'not something (?:they|we) advertise', 'stays? between us', 'quietly', 'out of the (?:news|press|papers)', 'goes out monday', 'before it goes out', 'press release', "haven't announced", 'not told',
];

/**
 * Cues that a turn is about something public or about a product's features, not a confidential
 * matter: "as announced on the earnings call", "it's all public", "the phishing simulation
 * module". Without a secrecy cue they keep the turn unflagged.
 */
export const BENIGN_CUES: readonly string[] = [
  'as (?:we )?announced', 'we announced', 'was announced', 'were announced', 'publicly announced',
  // Results reported, not "we reported it" to a vendor.
  'we reported (?:(?:our|the|record|strong|weak|[\\w-]+) ){0,2}(?:results|earnings|numbers|revenue|quarter|figures)', 'we reported (?:it )?publicly', 'reported (?:the|our) results',
  "(?:it's|it is|that's|that is|was|is) (?:all )?public", 'all public', 'in the news', 'all over the news', 'in the press', 'on (?:our|the) (?:blog|website)',
  'in a press release', 'press release (?:on|last|this)', 'not us', 'different company', 'another (?:vendor|company|firm)',
  '(?:simulation|scanner|module|template|plug-?in|add-?on)s?', 'sample file', 'example file', 'new in this release', 'feature (?:sends|checks|lets|flags)',
  '(?:their|the|its|that) (?:product|platform|tool|software|app|service) (?:is|was|seems) (?:fine|good|solid|great|decent|okay|ok)',
];
