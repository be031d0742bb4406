/**
 * Customer turns written by hand from the instructions of 20 τ-bench retail train tasks (sampled with a fixed seed
 * among tasks whose gold actions are not no-op "modify X to {}" calls, plus address and payment tasks). Customers speak
 * like the benchmark's simulated users: they reveal details when asked, paraphrase, and sometimes mistype.
 */
export interface ScriptedTask {
  taskIndex: number;
  turns: string[];
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
