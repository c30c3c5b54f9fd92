/**
 * Common Scottish first names (of people born 1970–2005) and surnames, commonest first: the
 * generator weights them by rank. Both spellings of the Mc/Mac names appear, as they do in real
 * records, so that tolerant search has variants to find.
 */
export const MALE_FIRST_NAMES = [
  'James', 'John', 'David', 'Robert', 'Michael', 'William', 'Mark', 'Paul', 'Scott', 'Steven',
  'Andrew', 'Christopher', 'Ryan', 'Craig', 'Stephen', 'Thomas', 'Gary', 'Jamie', 'Kevin', 'Daniel',
  'Ross', 'Darren', 'Martin', 'Stuart', 'Sean', 'Alan', 'Colin', 'Graeme', 'Barry', 'Derek',
  'Kenneth', 'Iain', 'Ian', 'Brian', 'Gordon', 'Lee', 'Liam', 'Connor', 'Kieran', 'Dylan',
  'Jordan', 'Callum', 'Lewis', 'Kyle', 'Marc', 'Euan', 'Fraser', 'Gavin', 'Neil', 'Allan',
  'Francis', 'Joseph', 'Peter', 'Anthony', 'Richard', 'Jason', 'Shaun', 'Dean', 'Hugh', 'Gerard',
  'Declan', 'Aaron', 'Nathan', 'Adam', 'Jack', 'Matthew', 'Cameron', 'Stewart', 'Alexander', 'Alistair',
  'Grant', 'Greig', 'Garry', 'Douglas', 'Raymond', 'Joe', 'Patrick', 'Charles', 'George', 'Duncan',
] as const;

export const FEMALE_FIRST_NAMES = [
  'Nicola', 'Lisa', 'Amanda', 'Claire', 'Laura', 'Louise', 'Gemma', 'Kirsty', 'Emma', 'Sarah',
  'Lindsay', 'Karen', 'Michelle', 'Donna', 'Stacey', 'Natalie', 'Jennifer', 'Lynsey', 'Samantha', 'Amy',
  'Rebecca', 'Caroline', 'Angela', 'Kelly', 'Leanne', 'Shona', 'Julie', 'Lorraine', 'Carol', 'Tracey',
  'Fiona', 'Jade', 'Chloe', 'Danielle', 'Megan', 'Rachel', 'Hayley', 'Victoria', 'Ashley', 'Sharon',
  'Margaret', 'Elizabeth', 'Jacqueline', 'Debbie', 'Catherine', 'Kimberley', 'Shannon', 'Kerry', 'Toni', 'Marie',
] as const;

export const SURNAMES = [
  'Smith', 'Brown', 'Wilson', 'Campbell', 'Stewart', 'Thomson', 'Robertson', 'Anderson', 'MacDonald', 'Scott',
  'Reid', 'Murray', 'Taylor', 'Clark', 'Ross', 'Watson', 'Morrison', 'Paterson', 'Young', 'Mitchell',
  'Walker', 'Fraser', 'Miller', 'McDonald', 'Gray', 'Henderson', 'Hamilton', 'Johnston', 'Duncan', 'Graham',
  'Ferguson', 'Kerr', 'Davidson', 'Bell', 'Cameron', 'Kelly', 'Martin', 'Hunter', 'Allan', 'Mackenzie',
  'Grant', 'Simpson', 'MacKay', 'McKenzie', 'Black', 'MacLeod', 'McLean', 'Russell', 'Gibson', 'Wallace',
  'Gordon', 'Marshall', 'Stevenson', 'Wood', 'Sutherland', 'Craig', 'Wright', 'McKay', 'Murphy', 'Sinclair',
  'Kennedy', 'Burns', 'White', 'Muir', 'Docherty', 'Watt', 'Milne', 'Millar', 'McMillan', 'Crawford',
  'Williamson', 'Hughes', 'Ritchie', 'Dickson', 'Johnstone', 'McGregor', 'McIntyre', 'McLaughlin', 'McCallum', 'McGuire',
  'McCann', 'McGowan', 'McKinnon', 'McFarlane', 'MacInnes', 'MacPherson', 'McNeil', 'McAllister', 'McGill', 'McCulloch',
  'McMahon', 'McBride', 'McColl', 'McPhee', 'Macaulay', 'Donnelly', 'Quinn', 'Boyle', 'Gallagher', "O'Neill",
  'Devlin', 'Lynch', 'Doherty', 'McGinley', 'Rooney', 'Duffy', 'Hendry', 'Lindsay', 'Shaw', 'Boyd',
  'Houston', 'Logan', 'Lawrie', 'Weir', 'Aitken', 'Baird', 'Reilly', "O'Donnell", 'Hannah', 'Higgins',
  'Macfarlane', 'MacLean', 'McLeod', 'McDougall', 'MacKinnon', 'McPherson', 'McNally', 'McGee', 'McCabe', 'McLaren',
] as const;

/** Familiar forms people are also known by, recorded as aliases. */
export const FAMILIAR_NAMES: Record<string, readonly string[]> = {
  James: ['Jim', 'Jimmy', 'Jamesie'],
  John: ['Johnny', 'Jack'],
  Robert: ['Rab', 'Bobby', 'Rabbie'],
  William: ['Billy', 'Willie', 'Wullie'],
  Thomas: ['Tam', 'Tommy'],
  Michael: ['Mick', 'Mikey'],
  Stephen: ['Steve', 'Stevie'],
  Steven: ['Steve', 'Stevie'],
  Christopher: ['Chris'],
  Andrew: ['Andy', 'Drew'],
  Alexander: ['Sandy', 'Alex', 'Eck'],
  Daniel: ['Danny'],
  Anthony: ['Tony'],
  Joseph: ['Joe', 'Joey'],
  Francis: ['Frank', 'Frankie'],
  Hugh: ['Shug', 'Hughie'],
  Kenneth: ['Kenny'],
  Gerard: ['Gerry'],
  Patrick: ['Paddy', 'Pat'],
  Samantha: ['Sam', 'Sammy'],
  Elizabeth: ['Liz', 'Betty'],
  Margaret: ['Maggie', 'Peggy'],
  Nicola: ['Nicky'],
  Jennifer: ['Jenny'],
  Rebecca: ['Becky'],
  Catherine: ['Cathy', 'Kate'],
};
