/**
 * Customer turns written by hand from the instructions of 20 τ-bench retail train tasks (sampled with a fixed seed
 * among tasks whose gold actions are not no-op "modify X to {}" calls, plus address and payment tasks). Customers speak
 * like the benchmark's simulated users: they reveal details when asked, paraphrase, and sometimes mistype.
 */
export interface ScriptedTask {
  taskIndex: number;
  turns: string[];
  /** τ-bench split the task comes from (default "train"). */
  split?: 'train' | 'dev';
}

export const scriptedTasks: ScriptedTask[] = [
  {
    taskIndex: 184,
    turns: [
      "Hi, I'd like to cancel an order and change an item in another one.",
      'my email is daiki.johnson2279@example.com',
      'Cancel #W1436802, I no longer need it. And for order #W5282037 change the green latex garden hose to a blue vinyl one.',
      'use my paypal',
    ],
  },
  { taskIndex: 89, turns: ['I want to cancel my order #W4923227', 'isabella.lopez3271@example.com', "I don't need it anymore"] },
  {
    taskIndex: 223,
    turns: ['hello, I want to return the jigsaw puzzle I got', 'Chen Johnson, email chen.johnson3889@example.com', 'the order is #W5797164', 'please refund it to my gift card'],
  },
  {
    taskIndex: 367,
    turns: [
      'Hi! I need to return a tea kettle and cancel another order.',
      "I'm Sophia Hernandez, zip 76197",
      'Return the tea kettle from #W1748126 and cancel order #W4614740 because I no longer need it.',
      'gift card please',
    ],
  },
  {
    taskIndex: 29,
    turns: [
      'I need to cancel some orders. My name is Ava Nguyen and my zip code is 94128.',
      'Please cancel #W1242543 and #W9232383, I no longer need them.',
      'Also cancel #W8367380, I ordered that by mistake.',
    ],
  },
  {
    taskIndex: 45,
    turns: [
      'Hi, I want to exchange a bike helmet from order #W9994227',
      'name is Yara Johansson, zip code 76114',
      'I have the small blue one with low ventilation; I want it in size M, red, with high ventilation instead.',
      'charge the difference to my mastercard ending in 5736',
    ],
  },
  { taskIndex: 465, turns: ['cancel my order #W3826449 please', 'lei.wilson1253@example.com', 'no longer needed'] },
  {
    taskIndex: 300,
    turns: ['I need to exchange my hiking boots for a smaller size', 'amelia.gonzalez4098@example.com... sorry, amelia.gonzalez4271@example.com', 'order #W1762492, I want size 8 instead of 10', 'use my gift card'],
  },
  {
    taskIndex: 58,
    turns: ['Hi, I would like to retrun two items from order #W7597893', 'ava.nguyen1860@example.com', 'the smart thermostat and the mechanical keyboard', 'refund to my gift card'],
  },
  {
    taskIndex: 208,
    turns: [
      "Hey, I'm Ava Lopez, zip 92168. I want to change an item in a pending order and exchange stuff from a delivered one.",
      'In order #W5911003 change the red mesh office chair to a black fabric one with fixed armrests.',
      'pay with my gift card',
      'For #W2941275 exchange the digital camera to the CF card version and the water bottle to a 500ml green glass one.',
      'put the difference on my mastercard',
    ],
  },
  {
    taskIndex: 326,
    turns: ['I would like to exchange my backpack', 'mei.gonzalez8775@example.com', 'It is the navy one from order #W7303089. I want a large black polyester backpack instead.', 'my visa card'],
  },
  {
    taskIndex: 36,
    turns: [
      'mei.ahmed4901@example.com here. Two things.',
      'For order #W2598324, modify the espresso machine to a 1L capsule one.',
      'use my credit card',
      'And for #W3239882 I want to exchange the tablet to a 7-inch 128GB black one.',
      'same credit card',
    ],
  },
  {
    taskIndex: 283,
    turns: [
      'I want to exchange some stuff from order #W9941744',
      'omar.muller2208@example.com',
      'Exchange the tablet for the 128GB black one, and the bluetooth speaker for a blue one with water resistance.',
      'paypal',
    ],
  },
  {
    taskIndex: 121,
    turns: ['exchange my air purifier pls', 'aarav.gonzalez9269@example.com', 'order #W6797115, I want the ionic filter with smart sensors instead', 'gift card'],
  },
  {
    taskIndex: 24,
    turns: [
      'Hi, I am Juan Rossi, zip 77209.',
      'For my order #W7602708 I want to pay with my gift card instead.',
      'Also change the garden hose in #W7602708 to a blue one.',
      'use the gift card for that too',
    ],
  },
  { taskIndex: 52, turns: ['I want to return my cycling helmet', 'olivia.smith9157@example.com', 'order #W3794101, refund to paypal please'] },
  {
    taskIndex: 243,
    turns: [
      'Hi, my email is mia.jackson5798@example.com',
      'Cancel order #W7807323, I ordered it by mistake.',
      'Also for #W2618034 change the shipping address to 816 Spruce Street, Suite 114, Indianapolis, IN 46227',
      'And in order #W2618034 I want to switch the electric portable grill to a charcoal medium one with side burner.',
      'pay with my gift card',
    ],
  },
  {
    taskIndex: 12,
    turns: [
      'Harper Johansson, zip 80281. I have a few requests.',
      'Cancel order #W3525030, no longer needed, and cancel #W3282177 too because I ordered it by mistake.',
      'Change the shipping address of #W2912646 to 953 Park Avenue, Suite 613, New York, NY 10064',
      'In #W2912646 change the sunglasses to a black frame and the luggage set to a 4-piece one.',
      'paypal',
    ],
  },
  {
    taskIndex: 26,
    turns: [
      "I'm Juan Lopez and my zip is 85060",
      'Please update the shipping address of order #W3386832 to 411 Park Avenue, Suite 987, Phoenix, AZ 85060',
      'For #W3386832 change the cycling helmet to high ventilation, the espresso machine to a 1L manual one and the garden hose to black latex.',
      'paypal',
    ],
  },
  {
    taskIndex: 27,
    turns: [
      'fatima.johnson2300@example.com',
      'I want to change the payment method of order #W5199551 to my gift card',
      'Then for #W5199551 change the cycling helmet to red with low ventilation and the wristwatch to a metal strap with a white dial.',
      'paypal for that',
    ],
  },
];

/**
 * Customer turns for all 20 τ-bench dev tasks, written from their instructions BEFORE the planner was ever run on them,
 * and measured once as a held-out check (see README). Dev tasks are free-form: customers change their mind, ask
 * questions, or want things outside policy, so several need reactive turns that a fixed script cannot give.
 */
export const heldOutDevTasks: ScriptedTask[] = [
  { split: 'dev', taskIndex: 0, turns: ["Hi, I'm Olivia Ito, zip 80218. I'll be traveling when my order #W5442520 arrives, so I don't want to receive it. Can I get a full refund?", "I don't need it anymore, please cancel it."] },
  {
    split: 'dev',
    taskIndex: 1,
    turns: [
      'Hi, I got a black laser gaming mouse and a metal bookshelf in order #W7273336 and I want to exchange both.',
      'omar.lopez1868@example.com',
      'I want a white optical mouse instead, wired or wireless, whichever is cheaper. And the bookshelf should be a 5 feet tall glass one.',
      'What colors are there for the glass bookshelf?',
      'brown then',
      'paypal',
    ],
  },
  { split: 'dev', taskIndex: 2, turns: ['I ordered a tea kettle but found it for half the price elsewhere. Can you match the price?', 'harper.moore2816@example.com', "Then cancel the order, I no longer need it. I'll buy it from the other store."] },
  {
    split: 'dev',
    taskIndex: 3,
    turns: ['Hi, the jigsaw puzzle I received is missing pieces. I want a full refund to my paypal.', 'Isabella Brown, zip 80257', 'Can I also get a coupon for the trouble?', 'Then let me talk to a supervisor.'],
  },
  {
    split: 'dev',
    taskIndex: 4,
    turns: ["The earbuds I received don't pair with my iPhone.", 'fatima.smith9435@example.com', "I already tried resetting everything, it doesn't work. They are faulty, I want to return them for a full refund.", 'to the original payment method'],
  },
  {
    split: 'dev',
    taskIndex: 5,
    turns: ['I want to return the skateboard I bought, it is cheaper at another store. I need to return it by mail.', 'Mohamed Khan, zip 60651', 'Refund to my paypal, as fast as possible.', 'Oh, and also return the desk lamp from the same order.'],
  },
  {
    split: 'dev',
    taskIndex: 6,
    turns: ["I want to cancel order #W9933266 that I just placed, I don't need the items.", 'raj89@example.com', 'maybe rajlee@example.com', 'then lee42@example.com', 'try raj.lee6137@example.com'],
  },
  {
    split: 'dev',
    taskIndex: 7,
    turns: ['I received my skateboard a week ago, used it once and it is already chipped. Can I still get a full refund?', 'liam.li2557@example.com', 'Yes, please return it to my credit card.'],
  },
  {
    split: 'dev',
    taskIndex: 8,
    turns: ['I want to return all the items from my order with the sneakers and the espresso machine.', 'Olivia Ito, 80218', 'Which payment methods can the refund go to?', 'OK, the gift card then.'],
  },
  { split: 'dev', taskIndex: 9, turns: ["For order #W9673784 I'd like to exchange the 19 bar espresso machine for a 9 bar capsule one.", 'Omar Silva, zip 92107', 'paypal please'] },
  {
    split: 'dev',
    taskIndex: 10,
    turns: ['The package of my order #W6893533 arrived soaking wet. I want to return the items and get a full refund.', 'ivan.santos3158@example.com', 'both items', 'to the original payment method'],
  },
  {
    split: 'dev',
    taskIndex: 11,
    turns: ['I accidentally placed an order and I need it cancelled immediately! Your website is so confusing.', 'aarav.davis1165@example.com', 'I only know the order number ends in 66', 'I ordered it by mistake'],
  },
  {
    split: 'dev',
    taskIndex: 12,
    turns: [
      'Olivia Ito, zip 80218. I have changes for three pending orders.',
      'For #W5442520, pay with my paypal instead, and change the patio umbrella to a 6 ft blue sunbrella one with auto tilt.',
      'use paypal for the difference too',
      'For #W7941031 also switch the payment to paypal, and change the wristwatch to a silicone strap with a blue dial, but pay the difference with my credit card.',
      'For #W3657213 change the payment to my credit card, and change the digital camera to the 30MP one with 5x zoom and CF card.',
      'credit card for that',
    ],
  },
  {
    split: 'dev',
    taskIndex: 13,
    turns: ['I want to return the portable charger from my order.', 'aarav.sanchez5467@example.com', 'Actually, also return the bookshelf and the cycling helmet.', 'store credit please'],
  },
  {
    split: 'dev',
    taskIndex: 14,
    turns: ['James Kim, zip 92199.', 'For #W3289292 change the shipping address to 320 Cedar Avenue, Suite 116, San Antonio, TX 78219', 'Also in #W3289292 change the mechanical keyboard to linear switches.', 'paypal'],
  },
  {
    split: 'dev',
    taskIndex: 15,
    turns: ['Please unsubscribe me from your marketing emails, there are way too many.', 'emma.kovacs6621@example.com', "If you can't do that, then cancel my order W2307204.", 'I no longer need it'],
  },
  {
    split: 'dev',
    taskIndex: 16,
    turns: [
      'For #W8969494 I want to exchange the mechanical keyboard for a full size one.',
      'Daiki Patel, 94111',
      'the one with the white backlight',
      'paypal',
      'Also exchange the electric kettle in #W3135192 for a green one.',
      'Actually never mind the kettle, I will keep it.',
    ],
  },
  {
    split: 'dev',
    taskIndex: 17,
    turns: ["I'm unhappy with order #W3547545, the tea kettle looks nothing like the pictures.", 'Juan Smith, zip 78770', 'What options do I have?', "Never mind, I'll keep everything."],
  },
  {
    split: 'dev',
    taskIndex: 18,
    turns: ['For order #W1630030 I want to exchange the electric kettle for a 1L black one.', 'raj.santos4322@example.com', 'Actually, make it a 1.5L glass kettle instead.', 'paypal'],
  },
  { split: 'dev', taskIndex: 19, turns: ['For order #W2974929 I picked the wrong deck material, please change the skateboard to bamboo.', 'Fatima Anderson, 32100', 'paypal'] },
];
