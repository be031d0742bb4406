/**
 * Nouns that name kinds of products. The classifier replaces them by one placeholder word, so "return the kettle" and
 * "return the backpack" are the same request to it and a product word never votes for an intent just because it
 * happened to appear in one training utterance. Product matching itself uses the real names from the tools.
 */
export const productNouns = new Set(
  `
  tshirt shirt tee hoodie jacket coat sweater jeans pants shorts dress skirt sock socks shoe shoes sneaker sneakers boot boots
  hat cap helmet glove gloves scarf sunglasses glasses watch wristwatch smartwatch bracelet necklace ring perfume makeup kit
  lamp bulb light kettle teapot maker machine espresso coffee blender toaster grill oven microwave fridge vacuum cleaner purifier
  humidifier fan heater thermostat camera webcam laptop computer tablet ereader reader phone smartphone charger cable earbuds
  headphones headset speaker keyboard mouse monitor printer router mat yoga dumbbell dumbbells weights bicycle bike skateboard
  scooter hose umbrella chair desk table sofa bookshelf shelf bed pillow blanket notebook pen backpack bag suitcase luggage
  bottle mug cup puzzle jigsaw toy game clock toothbrush brush kitchen tent stove drone guitar item items product products
  thing things stuff one
`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);
