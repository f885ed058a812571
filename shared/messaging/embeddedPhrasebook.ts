/*
 * The embedded writer's words in every language it writes, kept whole in one file: the phrases of a
 * language are reviewed together (grammar tests read them side by side), and splitting per theme
 * would scatter one language over many files.
 */
import type { FeatureTheme, PhraseLanguage } from './describeFeature';
import type { Goal, Tone } from './types';

/** Customer-facing invitations a segment's suggested action maps to when no offer catalogue exists. */
export type ActionKind = 'discount' | 'loyalty' | 'upgrade' | 'support' | 'winback' | 'content';

type Sides = { high?: string[]; low?: string[] };

/**
 * The sentences the embedded writer composes from, per language. Placeholders: {offer},
 * {description}, {category}, {feature}. Sentences stay short so SMS and push have room for them.
 */
export interface Phrasebook {
  greetings: Record<Tone, string[]>;
  themes: Record<FeatureTheme, Sides>;
  category: string[];
  fallbackTrait: string[];
  offer: Record<Goal, string[]>;
  actions: Record<ActionKind, string[]>;
  cta: Record<Goal, string[]>;
  urgentCta: string[];
  /** Calls to action in a playful register. */
  playfulCta: string[];
  subjects: Record<Goal, string[]>;
  subjectWithOffer: string[];
  signOff: { informal: string[]; formal: string[] };
}

const en: Phrasebook = {
  greetings: {
    friendly: ['Hi!', 'Hello!', 'Hi there!', 'Good to see you!', 'Hey!', 'Hello again!'],
    formal: ['Hello,', 'Good day,', 'Dear customer,'],
    playful: ['Psst!', 'Guess what?', 'Hey hey!', 'Knock knock!'],
    urgent: ['Quick note:', 'Heads up!', "Don't miss this:"],
  },
  themes: {
    recency: { high: ["It's been a while since your last order, and we've missed you.", "We haven't seen an order from you in a while, and we miss you.", "We've missed you!", "It's been a while!"], low: ['Thanks for coming back so soon!', 'Thanks for stopping by!'] },
    frequency: { low: ["We haven't seen you as often lately.", 'We noticed you drop by less often these days.', 'Drop by more often!'], high: ["You're one of our most regular customers, thank you!", 'Thanks for being a regular!'] },
    spend: { high: ["You're one of the customers we value most."], low: ["There's more here for you than you might think."] },
    tenure: { high: ['Thank you for being with us for so long.', 'It means a lot that you have stayed with us all this time.', 'Thanks for all this time with us!'], low: ["You've only just joined us, and there's lots to discover.", 'Welcome aboard! There is plenty to explore.', 'Welcome aboard!', 'Great to have you here.'] },
    promo: {},
    service: { high: ["We're sorry if something didn't work as it should lately.", 'We know things have not always gone smoothly, and we are on it.'], low: ['Our support team is always here when you need help.'] },
    engagement: { high: ["You've been exploring a lot lately, and we love that."], low: ["There's plenty that's new since your last visit."] },
    cart: { high: ['You still have items waiting in your cart.', 'A few things you liked are still in your cart.', 'Your cart is waiting.'] },
    satisfaction: { low: ["We want every visit to be great, and we're listening."], high: ["We're glad you're enjoying your time with us."] },
    contract: { high: ['We have a plan that could fit you even better.'], low: ['We have a plan that could fit you even better.'] },
    marketing: { high: ["We'll keep this short."], low: ['A quick note with something picked for you.'] },
    category: {},
  },
  category: ['New arrivals in {category} are waiting for you.', 'We have fresh picks in {category} for you.'],
  fallbackTrait: ['We put this together with {feature} in mind.'],
  offer: {
    retain: ['Just for you: {offer}.', 'As a thank-you for staying with us: {offer}.'],
    upsell: ['You might love this: {offer}.', 'Picked for you: {offer}.'],
    reengage: ['Come back and enjoy: {offer}.', 'A welcome-back treat: {offer}.'],
  },
  actions: {
    discount: ["We've picked a few options that could suit you.", 'A few options we chose could suit you well.'],
    loyalty: ['Thank you for choosing us.', "We're glad to have you with us."],
    upgrade: ["There's an upgrade that could suit you even better.", 'We think an upgrade would make things even better for you.'],
    support: ['Our team is ready to help with anything you need.', 'Need a hand? Our team is happy to help.'],
    winback: ["There's plenty that's new to see.", 'We have added a lot since you last looked.'],
    content: ["We've picked a few things we think you'll like.", 'We found a few new things that feel very you.'],
  },
  cta: {
    retain: ["We'd love to keep you with us.", "Tap to see what's waiting.", 'Come take a look.', 'Have a look!', 'See you soon!', 'Have a great day!'],
    upsell: ['Take a look today.', "See what's new.", 'Have a look!', 'Come take a look.', 'See you soon!', 'Have a great day!'],
    reengage: ["Drop by whenever you're ready.", 'Take a look whenever it suits you.', 'Drop by soon.', 'Come take a look.', 'See you soon!', 'Have a great day!'],
  },
  urgentCta: ['Take a look now.'],
  playfulCta: ['Go on, take a peek!', 'Come and have a look!', 'Curious? Take a look!'],
  subjects: {
    retain: ['A note, just for you', 'Picked with you in mind', 'Thanks for being with us'],
    upsell: ['Something new we picked for you', 'You might like this', 'Fresh picks for you'],
    reengage: ["What's new for you", 'A quick update for you', "Come see what's new"],
  },
  subjectWithOffer: ['{offer}: just for you', 'For you: {offer}'],
  signOff: { informal: ['Warm wishes,\nThe team', 'See you soon,\nThe team'], formal: ['Kind regards,\nCustomer Care'] },
};

const ru: Phrasebook = {
  greetings: {
    friendly: ['Привет!', 'Здравствуйте!', 'Добрый день!', 'Рады вас видеть!', 'Приветствуем!', 'Рады вам!', 'Доброго дня!', 'Салют!'],
    formal: ['Здравствуйте!', 'Добрый день!', 'Уважаемый покупатель!'],
    playful: ['Псст!', 'Угадайте, что у нас?', 'Хорошие новости!'],
    urgent: ['Важно:', 'Коротко:', 'Не пропустите!'],
  },
  themes: {
    recency: { high: ['Давно вас не было — мы соскучились.', 'Вы давно ничего у нас не заказывали, и нам вас не хватает.', 'Давно не виделись!', 'Мы по вам скучаем.', 'Мы скучаем!', 'Давно вас не было!'], low: ['Спасибо, что снова заглянули к нам!', 'Рады, что вы снова с нами!', 'Спасибо, что заглянули!'] },
    frequency: { low: ['Мы заметили, что вы стали реже к нам заглядывать.', 'Вы стали заходить реже — мы это заметили и скучаем.', 'Вы стали заходить реже.', 'Заходите почаще!'], high: ['Вы — один из наших самых постоянных покупателей, спасибо!', 'Спасибо за постоянство!', 'Вы наш постоянный гость!'] },
    spend: { high: ['Вы — один из самых ценных для нас клиентов.', 'Вы наш ценный клиент.', 'Спасибо за доверие!', 'Вы очень важны для нас.'], low: ['У нас есть для вас больше, чем кажется.', 'У нас есть что вам показать.', 'Есть что показать!', 'Загляните за новинками.'] },
    tenure: { high: ['Спасибо, что вы с нами так долго.', 'Для нас много значит, что вы с нами всё это время.', 'Вы с нами уже давно — спасибо!', 'Спасибо за годы с нами!', 'Спасибо, что выбираете нас!'], low: ['Вы с нами совсем недавно — впереди много интересного.', 'Добро пожаловать! У нас есть что посмотреть.', 'Добро пожаловать!', 'Рады знакомству!', 'Рады новому знакомству!'] },
    promo: {},
    service: { high: ['Простите, если в последнее время что-то работало не так.', 'Мы знаем, что не всё шло гладко, и уже исправляем это.', 'Простите за неудобства.', 'Мы всё исправим.', 'Приносим извинения.'], low: ['Наша поддержка всегда готова помочь.', 'Поддержка всегда рядом.', 'Мы всегда на связи.', 'Мы всегда рядом.'] },
    engagement: { high: ['Вы часто заглядываете к нам — и нам это очень приятно.', 'Спасибо за интерес к нам!', 'Рады вашему интересу!'], low: ['С вашего последнего визита у нас появилось много нового.', 'У нас много нового.', 'Есть новинки!'] },
    cart: { high: ['В вашей корзине ещё ждут товары.', 'Товары, которые вам понравились, всё ещё ждут в корзине.', 'Товары ждут в корзине.', 'Корзина ждёт вас!', 'Ваша корзина ждёт.'] },
    satisfaction: { low: ['Нам важно, чтобы вам всё нравилось, — мы вас слышим.', 'Мы вас слышим.', 'Нам важно ваше мнение.'], high: ['Мы рады, что вам с нами нравится.', 'Рады, что вам нравится.', 'Спасибо за высокую оценку!'] },
    contract: { high: ['У нас есть тариф, который подойдёт вам ещё лучше.', 'Есть тариф лучше для вас.', 'Подберём тариф для вас.', 'Тариф под вас уже ждёт.', 'Посмотрите тарифы для вас.'], low: ['У нас есть тариф, который подойдёт вам ещё лучше.', 'Есть тариф лучше для вас.'] },
    marketing: { high: ['Будем кратки.'], low: ['Коротко о том, что мы подобрали для вас.'] },
    category: {},
  },
  category: ['В категории «{category}» вас ждут новинки.', 'Мы подобрали свежие товары в категории «{category}».'],
  fallbackTrait: ['Мы подготовили это с учётом того, что для вас важно: {feature}.'],
  offer: {
    retain: ['Специально для вас: {offer}.', 'В благодарность за то, что вы с нами: {offer}.'],
    upsell: ['Вам может понравиться: {offer}.', 'Мы подобрали для вас: {offer}.'],
    reengage: ['Ждём вас снова, а для вас: {offer}.', 'Подарок к возвращению: {offer}.'],
  },
  actions: {
    discount: ['Мы подобрали варианты, которые могут вам подойти.', 'Посмотрите варианты, подобранные для вас.', 'Есть варианты для вас.'],
    loyalty: ['Спасибо, что выбираете нас.', 'Мы рады, что вы с нами.', 'Спасибо, что вы с нами!'],
    upgrade: ['Есть вариант, который подойдёт вам ещё лучше.', 'Кажется, у нас есть для вас вариант получше.', 'Есть вариант получше.'],
    support: ['Наша команда готова помочь с любым вопросом.', 'Нужна помощь? Наша команда с радостью поможет.', 'Мы готовы помочь.'],
    winback: ['У нас появилось много нового.', 'Загляните — у нас много нового.', 'У нас много нового!'],
    content: ['Мы подобрали кое-что, что может вам понравиться.', 'У нас есть новинки, которые точно в вашем вкусе.', 'Есть новинки для вас.'],
  },
  cta: {
    retain: ['Мы очень хотим, чтобы вы остались с нами.', 'Загляните — всё уже ждёт вас.', 'Загляните!', 'Ждём вас!', 'Будем рады вам!', 'Заходите к нам!', 'До встречи!', 'Хорошего дня!', 'Ждём в гости!', 'Приходите!', 'Всегда рады вам!', 'Заглядывайте!'],
    upsell: ['Посмотрите уже сегодня.', 'Загляните, чтобы узнать больше.', 'Посмотрите!', 'Оцените!', 'Это для вас.', 'Загляните к нам!', 'До встречи!', 'Хорошего дня!', 'Ждём в гости!', 'Приходите!', 'Всегда рады вам!', 'Заглядывайте!'],
    reengage: ['Заходите, когда будет удобно.', 'Загляните, когда захотите.', 'Заходите!', 'Ждём вас!', 'Загляните к нам!', 'Будем рады!', 'До встречи!', 'Хорошего дня!', 'Ждём в гости!', 'Приходите!', 'Всегда рады вам!', 'Заглядывайте!'],
  },
  urgentCta: ['Не откладывайте.'],
  playfulCta: ['Загляните — будет интересно!', 'Любопытно? Загляните!', 'Ну что, посмотрим?'],
  subjects: {
    retain: ['Спасибо, что вы с нами', 'Мы кое-что подобрали для вас', 'Специально для вас'],
    upsell: ['Мы подобрали для вас новинки', 'Вам может понравиться', 'Свежая подборка для вас'],
    reengage: ['Новое для вас', 'Коротко о новинках', 'Загляните — у нас новинки'],
  },
  subjectWithOffer: ['{offer} — специально для вас', 'Для вас: {offer}'],
  signOff: { informal: ['С теплом,\nваша команда', 'До встречи,\nваша команда'], formal: ['С уважением,\nслужба заботы о клиентах'] },
};

const es: Phrasebook = {
  greetings: {
    friendly: ['¡Hola!', '¡Hola de nuevo!', '¡Buenas!', '¡Qué gusto saludarte!', 'Hola, ¿qué tal?', '¡Saludos!'],
    formal: ['Hola:', 'Buenos días:', 'Saludos cordiales:'],
    playful: ['¡Psst!', '¿Adivina qué?', '¡Buenas noticias!'],
    urgent: ['Atención:', '¡No te lo pierdas!', 'Aviso rápido:'],
  },
  themes: {
    recency: { high: ['Hace tiempo que no te vemos y te echamos de menos.', 'Hace un tiempo que no haces un pedido, y te extrañamos.', 'Te echamos de menos.', '¡Cuánto tiempo!'], low: ['¡Gracias por volver tan pronto!', '¡Qué bien verte de nuevo!', '¡Gracias por la visita!'] },
    frequency: { low: ['Últimamente te vemos menos por aquí.', 'Notamos que nos visitas menos últimamente.', 'Te vemos menos últimamente.', 'Te vemos poco por aquí.'], high: ['Estás entre nuestros clientes más fieles, ¡gracias!', '¡Gracias por tu fidelidad!', '¡Eres de la casa!'] },
    spend: { high: ['Estás entre los clientes que más valoramos.', 'Eres un cliente muy valorado.', '¡Gracias por tu confianza!'], low: ['Tenemos para ti más de lo que imaginas.', 'Tenemos más para ti.', 'Hay más para ver.'] },
    tenure: { high: ['Gracias por estar con nosotros tanto tiempo.', 'Significa mucho que sigas con nosotros todo este tiempo.', 'Gracias por tanto tiempo juntos.', '¡Gracias por seguir aquí!'], low: ['Acabas de llegar y hay mucho por descubrir.', '¡Te damos la bienvenida! Hay mucho por explorar.', '¡Te damos la bienvenida!', 'Qué bueno tenerte aquí.'] },
    promo: {},
    service: { high: ['Sentimos si algo no funcionó como debía últimamente.', 'Sabemos que no todo ha ido bien, y ya lo estamos arreglando.', 'Sentimos las molestias.', 'Lo vamos a resolver.'], low: ['Nuestro equipo de soporte está aquí para ayudarte.', 'Nuestro soporte te ayuda.', 'Cuenta con nosotros.'] },
    engagement: { high: ['Has explorado mucho últimamente, ¡y nos encanta!', '¡Gracias por visitarnos tanto!', 'Nos encanta verte.'], low: ['Hay muchas novedades desde tu última visita.', 'Hay novedades para ti.', '¡Hay novedades!'] },
    cart: { high: ['Todavía tienes productos esperándote en el carrito.', 'Lo que te gustó sigue en tu carrito.', 'Tu carrito te espera.', 'Tu carrito sigue ahí.'] },
    satisfaction: { low: ['Queremos que cada visita sea excelente, y te escuchamos.', 'Te escuchamos.', 'Tu opinión nos importa.'], high: ['Nos alegra que disfrutes de tu experiencia con nosotros.', 'Nos alegra que te guste.', '¡Qué bien que te guste!'] },
    contract: { high: ['Tenemos un plan que podría irte aún mejor.', 'Hay un plan mejor para ti.', 'Tenemos un plan para ti.'], low: ['Tenemos un plan que podría irte aún mejor.', 'Hay un plan mejor para ti.'] },
    marketing: { high: ['Seremos breves.'], low: ['Una nota rápida con algo elegido para ti.'] },
    category: {},
  },
  category: ['Hay novedades en {category} esperándote.', 'Tenemos nuevas ideas en {category} para ti.'],
  fallbackTrait: ['Lo preparamos pensando en lo que te importa: {feature}.'],
  offer: {
    retain: ['Solo para ti: {offer}.', 'Para agradecerte que sigas con nosotros: {offer}.'],
    upsell: ['Te puede encantar: {offer}.', 'Elegido para ti: {offer}.'],
    reengage: ['Vuelve y disfruta: {offer}.', 'Un regalo de bienvenida: {offer}.'],
  },
  actions: {
    discount: ['Elegimos algunas opciones que podrían irte bien.', 'Mira las opciones que elegimos para ti.', 'Mira opciones para ti.'],
    loyalty: ['Gracias por elegirnos.', 'Nos alegra tenerte con nosotros.', '¡Gracias por elegirnos!'],
    upgrade: ['Hay una mejora que podría irte aún mejor.', 'Creemos que una mejora te vendría genial.', 'Hay una opción mejor.'],
    support: ['Nuestro equipo está listo para ayudarte en lo que necesites.', '¿Necesitas ayuda? Nuestro equipo te ayuda con gusto.', 'Estamos para ayudarte.'],
    winback: ['Hay muchas novedades para ver.', 'Hemos añadido muchas cosas nuevas.', 'Hay mucho nuevo.'],
    content: ['Elegimos algunas cosas que creemos que te gustarán.', 'Encontramos novedades que van mucho contigo.', 'Elegimos algo para ti.'],
  },
  cta: {
    retain: ['Nos encantaría que sigas con nosotros.', 'Entra y descubre lo que te espera.', 'Entra y mira.', '¡Te esperamos!', 'Ven a verlo.', 'Pasa a verlo.', '¡Hasta pronto!', '¡Que tengas un buen día!', '¡Nos vemos!'],
    upsell: ['Échale un vistazo hoy.', 'Descubre las novedades.', 'Entra y mira.', 'Míralo ya.', 'Ven a verlo.', '¡Hasta pronto!', '¡Que tengas un buen día!', '¡Nos vemos!'],
    reengage: ['Pásate cuando quieras.', 'Echa un vistazo cuando te venga bien.', 'Pásate pronto.', '¡Te esperamos!', 'Pasa a verlo.', 'Ven cuando quieras.', '¡Hasta pronto!', '¡Que tengas un buen día!', '¡Nos vemos!'],
  },
  urgentCta: ['No esperes demasiado.'],
  playfulCta: ['¡Anímate a echar un vistazo!', '¿Curiosidad? ¡Entra y mira!', '¡Vamos, echa un vistazo!'],
  subjects: {
    retain: ['Una nota solo para ti', 'Elegido pensando en ti', 'Gracias por seguir con nosotros'],
    upsell: ['Algo nuevo elegido para ti', 'Esto te puede gustar', 'Novedades para ti'],
    reengage: ['Novedades para ti', 'Una nota rápida para ti', 'Mira lo que hay de nuevo'],
  },
  subjectWithOffer: ['{offer}: solo para ti', 'Para ti: {offer}'],
  signOff: { informal: ['Un abrazo,\nEl equipo', 'Hasta pronto,\nEl equipo'], formal: ['Atentamente,\nAtención al cliente'] },
};

const pt: Phrasebook = {
  greetings: {
    friendly: ['Olá!', 'Oi!', 'Olá de novo!', 'Que bom falar com você!', 'Olá, tudo bem?', 'Oi, tudo bem?', 'Tudo bem?', 'Saudações!', 'Olá, como vai?'],
    formal: ['Olá,', 'Bom dia,', 'Prezado cliente,'],
    playful: ['Psiu!', 'Adivinha?', 'Boas notícias!'],
    urgent: ['Atenção:', 'Não perca!', 'Aviso rápido:'],
  },
  themes: {
    recency: { high: ['Faz tempo que você não aparece, e sentimos sua falta.', 'Faz um tempo desde o seu último pedido, e sentimos sua falta.', 'Sentimos sua falta.', 'Faz tempo, hein?', 'Que saudade!'], low: ['Obrigado por voltar tão cedo!', 'Que bom ver você de novo!', 'Obrigado pela visita!'] },
    frequency: { low: ['Ultimamente temos visto você menos por aqui.', 'Notamos que você tem nos visitado menos.', 'Temos visto você menos.', 'Apareça mais vezes!'], high: ['Você está entre os nossos clientes mais fiéis, obrigado!', 'Obrigado pela fidelidade!', 'Você é de casa!'] },
    spend: { high: ['Você está entre os clientes que mais valorizamos.', 'Você é um cliente muito especial.', 'Obrigado pela confiança!', 'Você é muito importante para nós.'], low: ['Temos mais para você do que imagina.', 'Temos mais para você.', 'Tem mais para ver!', 'Há mais para você aqui.'] },
    tenure: { high: ['Obrigado por estar conosco há tanto tempo.', 'Significa muito ter você conosco todo esse tempo.', 'Obrigado por tanto tempo conosco.', 'Obrigado pela parceria!', 'Obrigado por ficar conosco!'], low: ['Você chegou há pouco e há muito para descobrir.', 'Boas-vindas! Há muito para explorar.', 'Boas-vindas!', 'Que bom ter você aqui!', 'Que bom que chegou!'] },
    promo: {},
    service: { high: ['Pedimos desculpa se algo não funcionou como devia.', 'Sabemos que nem tudo correu bem, e já estamos resolvendo.', 'Desculpe o transtorno.', 'Vamos resolver isso.', 'Pedimos desculpas.'], low: ['Nossa equipe de suporte está aqui para ajudar.', 'Nosso suporte ajuda você.', 'Conte com a gente.', 'Estamos sempre aqui.'] },
    engagement: { high: ['Você tem explorado bastante, e adoramos isso!', 'Obrigado pelo interesse!', 'Adoramos sua visita!'], low: ['Há muitas novidades desde a sua última visita.', 'Há novidades para você.', 'Tem novidade!'] },
    cart: { high: ['Ainda há produtos esperando no seu carrinho.', 'O que você gostou continua no seu carrinho.', 'Seu carrinho está esperando.', 'Seu carrinho espera você.'] },
    satisfaction: { low: ['Queremos que cada visita seja ótima, e estamos ouvindo você.', 'Estamos ouvindo você.', 'Sua opinião importa.'], high: ['Ficamos felizes que você esteja gostando.', 'Que bom que você está gostando.', 'Que bom que gostou!'] },
    contract: { high: ['Temos um plano que pode combinar ainda mais com você.', 'Há um plano melhor para você.', 'Temos um plano para você.', 'Um plano sob medida para você.', 'Veja os planos para você.'], low: ['Temos um plano que pode combinar ainda mais com você.', 'Há um plano melhor para você.'] },
    marketing: { high: ['Vamos ser breves.'], low: ['Uma nota rápida com algo escolhido para você.'] },
    category: {},
  },
  category: ['Há novidades em {category} esperando por você.', 'Separamos novidades em {category} para você.'],
  fallbackTrait: ['Preparamos isto pensando no que importa para você: {feature}.'],
  offer: {
    retain: ['Só para você: {offer}.', 'Para agradecer por continuar conosco: {offer}.'],
    upsell: ['Você pode adorar: {offer}.', 'Escolhido para você: {offer}.'],
    reengage: ['Volte e aproveite: {offer}.', 'Um presente de boas-vindas: {offer}.'],
  },
  actions: {
    discount: ['Escolhemos algumas opções que podem combinar com você.', 'Veja as opções que escolhemos para você.', 'Veja opções para você.'],
    loyalty: ['Obrigado por escolher a gente.', 'Ficamos felizes em ter você conosco.', 'Obrigado pela escolha!'],
    upgrade: ['Há uma opção que pode combinar ainda mais com você.', 'Achamos que um upgrade deixaria tudo ainda melhor.', 'Há uma opção melhor.'],
    support: ['Nossa equipe está pronta para ajudar no que precisar.', 'Precisa de ajuda? Nossa equipe ajuda com prazer.', 'Estamos aqui para ajudar.'],
    winback: ['Há muitas novidades para ver.', 'Adicionamos muitas coisas novas.', 'Tem muita novidade.'],
    content: ['Escolhemos algumas coisas que achamos que você vai gostar.', 'Encontramos novidades que têm tudo a ver com você.', 'Separamos algo para você.'],
  },
  cta: {
    retain: ['Adoraríamos continuar com você.', 'Confira o que está esperando por você.', 'Confira!', 'Venha ver!', 'Passe aqui!', 'Dê uma espiada!', 'Até logo!', 'Tenha um ótimo dia!', 'Até breve!', 'Esperamos você!', 'Vem com a gente!', 'Boa semana!'],
    upsell: ['Dê uma olhada hoje.', 'Veja as novidades.', 'Dê uma olhada!', 'Veja só!', 'Confira já!', 'Venha conferir!', 'Até logo!', 'Tenha um ótimo dia!', 'Até breve!', 'Esperamos você!', 'Vem com a gente!', 'Boa semana!'],
    reengage: ['Passe por aqui quando quiser.', 'Dê uma olhada quando for melhor para você.', 'Passe por aqui!', 'Venha ver!', 'Apareça!', 'Dê uma olhada!', 'Até logo!', 'Tenha um ótimo dia!', 'Até breve!', 'Esperamos você!', 'Vem com a gente!', 'Boa semana!'],
  },
  urgentCta: ['Não deixe para depois.'],
  playfulCta: ['Vem dar uma olhada!', 'Curioso? Vem ver!', 'Bora dar uma olhada?'],
  subjects: {
    retain: ['Uma nota só para você', 'Escolhido pensando em você', 'Obrigado por estar conosco'],
    upsell: ['Algo novo escolhido para você', 'Você pode gostar disto', 'Novidades para você'],
    reengage: ['Novidades para você', 'Uma nota rápida para você', 'Veja as novidades'],
  },
  subjectWithOffer: ['{offer}: só para você', 'Para você: {offer}'],
  signOff: { informal: ['Um abraço,\nA equipe', 'Até breve,\nA equipe'], formal: ['Atenciosamente,\nAtendimento ao cliente'] },
};

export const embeddedPhrasebook: Readonly<Record<PhraseLanguage, Phrasebook>> = { en, es, ru, pt };

/** Keyword stems (English and Russian, as segment profiles are written) for each kind of suggested action. */
export const actionKeywords: [ActionKind, RegExp][] = [
  // Order matters: "reward loyalty … avoid discounts" is about loyalty, not discounts.
  ['support', /support|help|fix|service call|call them|поддерж|помощ|исправ|звон/i],
  ['winback', /win.?back|reactivat|re-?engag|remind|come back|вернуть|напомн|реактив/i],
  ['loyalty', /loyal|reward|bonus|points|vip|exclusive|perk|early access|thank|лояльн|бонус|балл|благодар/i],
  ['content', /content|recommend|cross.?sell|complementary|newsletter|рекоменд|подборк|контент/i],
  ['discount', /discount|coupon|promo|voucher|% off|sale|retention offer|скидк|купон|промо|акци/i],
  ['upgrade', /upgrade|upsell|annual|contract|plan|premium|bundle|тариф|премиум|апгрейд|допродаж/i],
];

/** Words in segment names that say what kind of customers a segment holds. */
export const segmentNameThemes: [RegExp, FeatureTheme, 'high' | 'low'][] = [
  [/dormant|sleep|inactive|lapsed|lost|churned|спящ|неактив|ушедш|потерян/i, 'recency', 'high'],
  [/\bnew\b|newcomer|recent sign|новы|новичк/i, 'tenure', 'low'],
  [/loyal|champion|regular|лояльн|постоянн/i, 'frequency', 'high'],
  [/high.?value|vip|big spend|premium|ценн|премиум|крупн/i, 'spend', 'high'],
  [/bargain|deal|promo|discount|акци|скидк|охотник/i, 'promo', 'high'],
  [/unhappy|complain|issue|problem|недовол|жалоб|проблем/i, 'service', 'high'],
];
