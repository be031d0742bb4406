/** Name and place lists the generator draws customers from. */
export const FIRST_NAMES = [
  'Noah', 'Emma', 'Liam', 'Olivia', 'Mia', 'Ethan', 'Ava', 'Lucas', 'Sofia', 'Mason', 'Isabella', 'Yusuf', 'Amelia', 'Omar',
  'Harper', 'Mei', 'Raj', 'Chen', 'Fatima', 'Aarav', 'Yara', 'Daiki', 'Lei', 'Sara', 'James', 'Ivan', 'Anya', 'Juan',
  'Lucia', 'Mohamed', 'Emily', 'Daniel', 'Grace', 'Ahmed', 'Sophia', 'Ethan', 'Evelyn', 'Aiko', 'Hiroshi', 'Zoe',
] as const;

export const LAST_NAMES = [
  'Brown', 'Smith', 'Garcia', 'Li', 'Khan', 'Nguyen', 'Kim', 'Patel', 'Lopez', 'Johnson', 'Sanchez', 'Ito', 'Moore',
  'Rossi', 'Silva', 'Ahmed', 'Wilson', 'Martin', 'Gonzalez', 'Taylor', 'Anderson', 'Thomas', 'Hernandez', 'Lee',
  'Walker', 'Hall', 'Young', 'Allen', 'Wright', 'Muller', 'Santos', 'Kovacs', 'Novak', 'Jensen', 'Davis', 'Doe',
] as const;

export const STREETS = [
  'Main Street', 'Oak Street', 'Pine Lane', 'Maple Drive', 'Cedar Avenue', 'Elm Street', 'Hickory Lane', 'Sunset Drive',
  'River Road', 'Lakeview Drive', 'Park Avenue', 'Hillcrest Drive', 'Willow Lane', 'Broadway', 'Highland Avenue',
] as const;

export const CITIES = [
  { city: 'New York', state: 'NY', zip: '100' },
  { city: 'Los Angeles', state: 'CA', zip: '900' },
  { city: 'Chicago', state: 'IL', zip: '606' },
  { city: 'Houston', state: 'TX', zip: '770' },
  { city: 'Phoenix', state: 'AZ', zip: '850' },
  { city: 'Philadelphia', state: 'PA', zip: '191' },
  { city: 'San Antonio', state: 'TX', zip: '782' },
  { city: 'San Diego', state: 'CA', zip: '921' },
  { city: 'Dallas', state: 'TX', zip: '752' },
  { city: 'Austin', state: 'TX', zip: '787' },
  { city: 'Seattle', state: 'WA', zip: '981' },
  { city: 'Denver', state: 'CO', zip: '802' },
  { city: 'Boston', state: 'MA', zip: '021' },
  { city: 'Atlanta', state: 'GA', zip: '303' },
  { city: 'Portland', state: 'OR', zip: '972' },
  { city: 'Columbus', state: 'OH', zip: '432' },
  { city: 'Charlotte', state: 'NC', zip: '282' },
  { city: 'San Francisco', state: 'CA', zip: '941' },
  { city: 'Minneapolis', state: 'MN', zip: '554' },
  { city: 'Miami', state: 'FL', zip: '331' },
] as const;

export const CARD_BRANDS = ['visa', 'mastercard'] as const;
