/**
 * Name pools for the fictional demo network, in the spellings people really use in a German
 * migration network: German, Turkish (Ç, Ş, Ğ, İ, ı), Vietnamese (Nguyễn, Đặng, Thị …),
 * Cyrillic (Russian, Ukrainian), Arabic script (Arabic, Persian/Dari) and Latin transliterations.
 *
 * Entries are "Name" or, for non-Latin scripts, "Name|latin" (the Latin form is only used to
 * build example.org e-mail addresses). Family names that change with gender are "male/female".
 */

export type Gender = 'f' | 'm';

export interface NameCulture {
  key: string;
  /** Share of the generated people (relative weight). */
  weight: number;
  female: readonly string[];
  male: readonly string[];
  family: readonly string[];
  /** The language people of this pool grew up with, always listed (null: German). */
  nativeLanguage: string | null;
  /** Further languages people of this pool often speak (ISO 639-1); repeats weigh more. */
  languages: readonly string[];
  /** How often German is listed as well (the pools of people who grew up elsewhere). */
  germanShare: number;
}

export const NAME_CULTURES: readonly NameCulture[] = [
  {
    key: 'german',
    nativeLanguage: null,
    weight: 44,
    female: ['Anja', 'Katrin', 'Sabine', 'Claudia', 'Franziska', 'Lena', 'Gesine', 'Heike', 'Silke', 'Ute', 'Dörte', 'Ines', 'Frauke', 'Antje', 'Kerstin', 'Maren', 'Birgit', 'Martina', 'Stefanie', 'Johanna', 'Wiebke', 'Christiane', 'Susanne', 'Annegret'],
    male: ['Jörg', 'Jürgen', 'Uwe', 'Torsten', 'Maik', 'Jonas', 'Björn', 'Sören', 'Malte', 'Ole', 'Hannes', 'Matthias', 'Stefan', 'Andreas', 'Ralf', 'Henning', 'Rüdiger', 'Dirk', 'Lutz', 'Steffen', 'Till', 'Carsten', 'Götz', 'Knut'],
    family: ['Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Braun', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Krause', 'Lehmann', 'Köhler', 'Jäger', 'Böhm', 'Voß', 'Möller', 'Peters', 'Jansen', 'Brandt', 'Hansen', 'Thiele', 'Kühn', 'Pohl', 'Ahrens', 'Behrens', 'Evers', 'Dittmann', 'Wendt', 'Rathke', 'Grützmacher', 'Stübe', 'Dräger'],
    languages: ['en', 'en', 'en', 'fr', 'ru', 'es', 'pl'],
    germanShare: 1,
  },
  {
    key: 'turkish',
    nativeLanguage: 'tr',
    weight: 14,
    female: ['Ayşe', 'Elif', 'Zeynep', 'Gülşen', 'Şebnem', 'Çiğdem', 'Hülya', 'Esra', 'Derya', 'Özlem', 'Büşra', 'Gökçe', 'Nurcan', 'Sevgi'],
    male: ['Mehmet', 'Ömer', 'Barış', 'Uğur', 'İsmail', 'Tuğrul', 'Emre', 'Kerem', 'İbrahim', 'Şükrü', 'Cem', 'Oğuz', 'Murat', 'Hakan'],
    family: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Yıldız', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan', 'Kılıç', 'Çetin', 'Kara', 'Koç', 'Kurt', 'Özkan', 'Şimşek', 'Polat', 'Erdem', 'Güneş', 'Aktaş', 'Karakuş'],
    languages: ['en', 'en', 'ku'],
    germanShare: 0.9,
  },
  {
    key: 'vietnamese',
    nativeLanguage: 'vi',
    weight: 14,
    female: ['Thị Lan', 'Thị Hoa', 'Thị Thu Hằng', 'Thị Mai', 'Thị Hương', 'Ngọc Anh', 'Thị Hạnh', 'Thùy Linh', 'Thị Phương', 'Bích Ngọc', 'Thị Nga'],
    male: ['Văn Hùng', 'Đức Anh', 'Quang Huy', 'Văn Tuấn', 'Minh Đức', 'Văn Long', 'Thanh Sơn', 'Hữu Phước', 'Quốc Bảo', 'Văn Thắng'],
    // Repeats mirror how common the names are.
    family: ['Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Trần', 'Lê', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'],
    languages: ['en', 'ru'],
    germanShare: 0.8,
  },
  {
    key: 'russian-cyrillic',
    nativeLanguage: 'ru',
    weight: 8,
    female: ['Анна|anna', 'Екатерина|jekaterina', 'Ольга|olga', 'Наталья|natalja', 'Светлана|swetlana', 'Татьяна|tatjana', 'Ирина|irina', 'Мария|marija', 'Елена|jelena', 'Юлия|julija'],
    male: ['Сергей|sergej', 'Алексей|aleksej', 'Андрей|andrej', 'Николай|nikolaj', 'Михаил|michail', 'Иван|iwan', 'Павел|pawel', 'Артём|artjom', 'Евгений|jewgenij'],
    family: ['Соколов/Соколова|sokolow', 'Смирнов/Смирнова|smirnow', 'Кузнецов/Кузнецова|kusnezow', 'Попов/Попова|popow', 'Васильев/Васильева|wassiljew', 'Новиков/Новикова|nowikow', 'Морозов/Морозова|morosow', 'Волков/Волкова|wolkow', 'Лебедев/Лебедева|lebedew', 'Козлов/Козлова|koslow', 'Орлов/Орлова|orlow'],
    languages: ['uk', 'en', 'en'],
    germanShare: 0.7,
  },
  {
    key: 'ukrainian-cyrillic',
    nativeLanguage: 'uk',
    weight: 10,
    female: ['Олена|olena', 'Оксана|oksana', 'Ірина|iryna', 'Наталія|natalija', 'Юлія|julija', 'Тетяна|tetjana', 'Галина|halyna', 'Катерина|kateryna', 'Марія|marija', 'Софія|sofija'],
    male: ['Тарас|taras', 'Андрій|andrij', 'Олександр|oleksandr', 'Богдан|bohdan', 'Микола|mykola', 'Василь|wasyl', 'Дмитро|dmytro', 'Юрій|jurij', 'Петро|petro', 'Остап|ostap'],
    family: ['Ткаченко|tkatschenko', 'Бондаренко|bondarenko', 'Коваленко|kowalenko', 'Кравченко|krawtschenko', 'Шевчук|schewtschuk', 'Мельник|melnyk', 'Бойко|bojko', 'Поліщук|politschuk', 'Лисенко|lyssenko', 'Савченко|sawtschenko', 'Ковальчук|kowaltschuk', 'Олійник|olijnyk', 'Руденко|rudenko', 'Гончаренко|hontscharenko', 'Ковальський/Ковальська|kowalskyj'],
    languages: ['ru', 'ru', 'pl', 'en'],
    germanShare: 0.5,
  },
  {
    key: 'post-soviet-latin',
    nativeLanguage: 'ru',
    weight: 10,
    female: ['Olga', 'Natalia', 'Swetlana', 'Viktoria', 'Oksana', 'Julia', 'Jelena', 'Walentina', 'Ljudmila', 'Tamara'],
    male: ['Sergej', 'Alexander', 'Vitali', 'Andrej', 'Oleg', 'Igor', 'Viktor', 'Waldemar', 'Eduard', 'Roman'],
    family: ['Klassen', 'Penner', 'Friesen', 'Wiens', 'Dyck', 'Reimer', 'Hildebrandt', 'Kovalenko', 'Melnyk', 'Hrytsenko', 'Moroz', 'Kravets', 'Boyko', 'Petrenko', 'Sidorenko'],
    languages: ['uk', 'en', 'en'],
    germanShare: 1,
  },
  {
    key: 'arabic-script',
    nativeLanguage: 'ar',
    weight: 10,
    female: ['فاطمة|fatima', 'سارة|sara', 'ريم|reem', 'نور|nour', 'هبة|heba', 'رنا|rana', 'مريم|mariam', 'آمنة|amina', 'ياسمين|yasmin'],
    male: ['محمد|mohammad', 'أحمد|ahmad', 'عمر|omar', 'خالد|khaled', 'حسن|hassan', 'علي|ali', 'سامر|samer', 'طارق|tareq', 'باسل|basel'],
    family: ['الأحمد|alahmad', 'منصور|mansour', 'حداد|haddad', 'الخطيب|alkhatib', 'النجار|alnajjar', 'العلي|alali', 'الشامي|alshami', 'درويش|darwish', 'السيد|alsayed', 'خليل|khalil', 'عثمان|othman'],
    languages: ['en', 'en', 'fr', 'ku'],
    germanShare: 0.6,
  },
  {
    key: 'persian-script',
    nativeLanguage: 'fa',
    weight: 6,
    female: ['زهرا|zahra', 'مریم|maryam', 'فرشته|fereshteh', 'نرگس|narges', 'شیرین|shirin', 'پروانه|parwaneh'],
    male: ['رضا|reza', 'مسعود|masoud', 'فرید|farid', 'جواد|jawad', 'حمید|hamid', 'نوید|navid'],
    family: ['احمدی|ahmadi', 'رحیمی|rahimi', 'حسینی|hosseini', 'محمدی|mohammadi', 'کریمی|karimi', 'نوری|nouri', 'صدیقی|sediqi', 'هاشمی|hashemi'],
    languages: ['ps', 'en', 'en', 'ar'],
    germanShare: 0.6,
  },
  {
    key: 'arabic-latin',
    nativeLanguage: 'ar',
    weight: 8,
    female: ['Rasha', 'Hiba', 'Lamia', 'Nour', 'Rania', 'Dalia', 'Samira', 'Aya'],
    male: ['Mohammad', 'Ahmad', 'Mahmoud', 'Bassam', 'Firas', 'Ammar', 'Hussein', 'Karim'],
    family: ['Al-Hassan', 'Haddad', 'Khalil', 'Mansour', 'Saleh', 'Ibrahim', 'Hamdan', 'Al-Masri', 'Nasser', 'Youssef', 'Abou Khalil'],
    languages: ['en', 'en', 'fr', 'ku'],
    germanShare: 0.9,
  },
  {
    key: 'kurdish',
    nativeLanguage: 'ku',
    weight: 5,
    female: ['Rojda', 'Berfîn', 'Nesrîn', 'Jiyan', 'Dilan', 'Hêvî'],
    male: ['Azad', 'Rêber', 'Şêrko', 'Baran', 'Dilovan', 'Welat'],
    family: ['Xelîl', 'Hesen', 'Şêxo', 'Ehmed', 'Mihemed', 'Osman'],
    languages: ['ar', 'tr', 'en'],
    germanShare: 0.8,
  },
  {
    key: 'eritrean',
    nativeLanguage: 'ti',
    weight: 5,
    female: ['Selam', 'Senait', 'Rahel', 'Mehret', 'Saba', 'Helen'],
    male: ['Filmon', 'Dawit', 'Yonas', 'Tesfay', 'Merhawi', 'Biniam'],
    family: ['Tesfamariam', 'Gebremedhin', 'Haile', 'Tekle', 'Mebrahtu', 'Woldemichael', 'Berhane', 'Kidane', 'Asmerom'],
    languages: ['am', 'ar', 'en', 'en'],
    germanShare: 0.6,
  },
  {
    key: 'west-african',
    nativeLanguage: 'fr',
    weight: 3,
    female: ['Aminata', 'Fatoumata', 'Mariama', 'Awa'],
    male: ['Mamadou', 'Ibrahima', 'Ousmane', 'Moussa'],
    family: ['Diallo', 'Bah', 'Camara', 'Sow', 'Barry', 'Traoré', 'Koné', 'Diop'],
    languages: ['en', 'en'],
    germanShare: 0.8,
  },
  {
    key: 'polish',
    nativeLanguage: 'pl',
    weight: 4,
    female: ['Agnieszka', 'Małgorzata', 'Katarzyna', 'Joanna'],
    male: ['Łukasz', 'Paweł', 'Krzysztof', 'Tomasz'],
    family: ['Kowalski/Kowalska', 'Wiśniewski/Wiśniewska', 'Nowak', 'Wójcik', 'Zieliński/Zielińska', 'Kamiński/Kamińska'],
    languages: ['en', 'en', 'ru'],
    germanShare: 0.9,
  },
];

/** "Дмитрий|dmitrij" → name and latin form; Latin-script entries are their own latin form. */
export function splitName(entry: string): { name: string; latin: string } {
  const [name, latin] = entry.split('|');
  return { name, latin: latin ?? name };
}

/** "Соколов/Соколова|sokolow" → the form for the gender, with its latin form ("sokolowa" for women). */
export function familyNameFor(entry: string, gender: Gender): { name: string; latin: string } {
  const { name, latin } = splitName(entry);
  const [male, female] = name.split('/');
  const [latinMale, latinFemale] = latin.split('/');
  if (female === undefined) return { name: male, latin: latinMale };
  if (gender === 'm') return { name: male, latin: latinMale };
  // Slavic female forms: latin hint "sokolow" → "sokolowa"; a given latin female form wins.
  return { name: female, latin: latinFemale ?? `${latinMale}a` };
}

/** A lower-case ASCII mail local part: "Thị Lan" → "thi-lan", "Möller" → "moeller", "Al-Hassan" → "al-hassan". */
export function mailPart(text: string): string {
  return text
    .replace(/[äöüÄÖÜ]/g, (c) => ({ ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' })[c] ?? c)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[đð]/g, 'd')
    .replace(/ł/g, 'l')
    .replace(/ı/g, 'i')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** German job titles by gender: [female, male]; a plain string is neutral. */
export type Title = string | readonly [string, string];

export function titleFor(title: Title, gender: Gender): string {
  return typeof title === 'string' ? title : gender === 'f' ? title[0] : title[1];
}
