#!/usr/bin/env python3
"""Generate Tuneboard's built-in demo dataset: SYNTHETIC consumer complaints, not real ones.

Narratives are assembled from the templates and word lists below and the companies are invented; no text comes
from the CFPB database. Only its shape is imitated: the 18-column header, real Product names (2017-2023 era) with
plausible Sub-product / Issue / Sub-issue values, and the narrative style (XXXX and XX/XX/XXXX redactions, amounts
like {$1100.00}, commas, doubled quotes, ’ — and non-breaking spaces, ~40 % multi-line, 10 to 600 words, and
empty, whitespace-only or "None" narratives, which the app counts as missing text).

How it is kept hard, so no classifier reaches 100 %:
  * imbalance: credit reporting about 30 %, the smallest classes about 6 %;
  * about 45 % of sentences come from a pool shared by every product (account, payment, credit, bank,
    called, letter, fees, dispute ...), most of them not naming the product at all;
  * each product has neighbours (credit reporting / debt collection, credit card / checking, mortgage /
    vehicle loan, checking / money transfer ...): single sentences leak in from a neighbour, and about 12 %
    of rows are deliberately ambiguous, half one product and half a neighbour;
  * about 3.5 % of rows are mislabelled: Product and its sub-fields are those of a neighbour.
A bag-of-words naive Bayes trained on 600 narratives scores about 85 % (nearest centroid about 80 %).

Usage: python3 assets/make_demo_data.py OUT.csv [--rows N] [--seed S]   (defaults: 3600 rows, seed 20240611)
Standard library only and deterministic: the same arguments give a byte-identical file (one integer-seeded
random.Random, ordered containers, no clock, no locale).
"""
import argparse
import collections
import csv
import datetime
import os
import random

HEADER = ["Date received", "Product", "Sub-product", "Issue", "Sub-issue", "Consumer complaint narrative",
          "Company public response", "Company", "State", "ZIP code", "Tags", "Consumer consent provided?",
          "Submitted via", "Date sent to company", "Company response to consumer", "Timely response?",
          "Consumer disputed?", "Complaint ID"]

# Invented, clearly fictional companies; a consumer calls one by its first word ("Lanternfish").
BANKS = ["Lanternfish Bank, N.A.", "Orchard Kettle Financial Corp.", "Pebblewick Savings Bank",
         "Marrowby Federal Credit Union"]
OWN_COMPANIES = {
    "CR": ["Quillmoor Credit Data, Inc.", "Bramblecrest Consumer Reporting, LLC", "Tallowfen Information Services"],
    "DC": ["Ironquill Recovery Partners, LLC", "Gravelmoth Collection Services", "Halcyon Thistle Receivables, Inc."],
    "MTG": ["Hearthwold Mortgage Servicing, LLC", "Kestrelmere Home Loans"],
    "VEH": ["Axlewood Auto Finance", "Cinderpike Motor Credit, Inc."],
    "STU": ["Scrollhaven Loan Servicing", "Ivymarsh Education Finance"],
    "MT": ["Zephyrsend, Inc.", "Coinmoth Digital Wallet, LLC", "Paperkite Money Services"],
}

# One entry per class. near: neighbours whose words leak in (repeats = more likely); subs: sub-products
# (repeats = more common); issues: "Issue > sub-issue | sub-issue"; things: what the consumer calls it.
Product = collections.namedtuple("Product", "label weight near subs issues things sents")
PRODUCTS = {
    "CR": Product(
        "Credit reporting, credit repair services, or other personal consumer reports", 30,
        ["DC", "DC", "DC", "CC", "STU", "MTG", "VEH"],
        ["Credit reporting"] * 8 + ["Other personal consumer report", "Credit repair services"],
        ["Incorrect information on your report > Information belongs to someone else | Account status incorrect"
         " | Account information incorrect | Personal information incorrect",
         "Improper use of your report > Reporting company used your report improperly"
         " | Credit inquiries on your report that you don't recognize",
         "Problem with a credit reporting company's investigation into an existing problem > Their investigation"
         " did not fix an error on your report | Investigation took more than 30 days",
         "Problem with fraud alerts or security freezes > "],
        ["my credit report", "my credit file", "my consumer report", "this tradeline", "the account on my report"],
        ["I pulled my credit report from {co} and found {num} accounts that do not belong to me.",
         "Under the Fair Credit Reporting Act the bureau must conduct a reasonable investigation of my dispute.",
         "The account ending in XXXX is reported 30 days late for {date} even though I was never late.",
         "There are {num} hard inquiries on my file dated {date} that I never authorized.",
         "I am a victim of identity theft and I attached the FTC identity theft report and a police report.",
         "My personal information is wrong: the address XXXX XXXX and the name XXXX are not mine.",
         "I have disputed this tradeline {num} times and every time they say the information was verified.",
         "More than 30 days have passed and the reporting agency never sent me the results of the reinvestigation.",
         "My credit score dropped {num}0 points because of this error and I was denied an apartment.",
         "I placed a security freeze on my file on {date}, yet a new inquiry still appeared.",
         "The collection listed on my report shows a balance of {amt} that I do not owe."]),
    "DC": Product(
        "Debt collection", 17, ["CR", "CR", "CR", "CC", "VEH", "STU"],
        ["I do not know", "Other debt", "Other debt", "Credit card debt", "Medical debt", "Auto debt",
         "Payday loan debt", "Telecommunications debt"],
        ["Attempts to collect debt not owed > Debt is not yours | Debt was paid | Debt was result of identity theft",
         "Written notification about debt > Didn't receive enough information to verify debt"
         " | Didn't receive notice of right to dispute",
         "Communication tactics > Frequent or repeated calls | Used obscene, profane, or other abusive language",
         "False statements or representation > Attempted to collect wrong amount",
         "Took or threatened to take negative or legal action > Threatened to sue you for very old debt"],
        ["this collection account", "the alleged debt", "the debt", "this collection"],
        ["A debt collector called me {num} times in one day about a debt I do not recognize.",
         "{co} is trying to collect {amt} for a medical bill that my insurance already paid.",
         "I sent a debt validation letter by certified mail on {date} and they never validated the debt.",
         "The collector said \"we will sue you and garnish your wages\" unless I paid today.",
         "Under the FDCPA they had to send me a written notice of my right to dispute, and they didn't.",
         "The original creditor sold the debt to {co}, and now they claim I owe {amt} plus interest and fees.",
         "They keep calling my workplace and my relatives even after I asked them in writing to stop.",
         "This debt is past the statute of limitations and they still threatened legal action.",
         "They reported the collection to the credit bureaus before sending me any notice.",
         "I already paid this debt in full in {year} and I still have the receipt."]),
    "CC": Product(
        "Credit card or prepaid card", 12, ["CHK", "CHK", "CHK", "CR", "MT"],
        ["General-purpose credit card or charge card"] * 6 + ["Store credit card", "General-purpose prepaid card"],
        ["Problem with a purchase shown on your statement > Credit card company isn't resolving a dispute about"
         " a purchase on your statement | Card was charged for something you did not purchase with the card",
         "Fees or interest > Problem with fees | Charged too much interest",
         "Getting a credit card > Card opened as result of identity theft or fraud | Application denied",
         "Problem when making payments > Problem during payment process",
         "Other features, terms, or problems > Problem with rewards from credit card"],
        ["my credit card account", "the card", "my card account", "my credit card"],
        ["I disputed a charge of {amt} for an item that never arrived, and the issuer sided with the merchant.",
         "My statement shows a late fee of {amt} even though the payment posted before the due date.",
         "The interest rate on my card went up to {num}9% without any notice.",
         "A credit card was opened in my name that I never applied for.",
         "I was promised {num}0,000 bonus points after spending {amt}, but the rewards never posted.",
         "They closed my credit card with no warning and lowered the credit limit on my other card.",
         "The chargeback was reversed and the charge was added back to my balance along with interest.",
         "My prepaid card was frozen and I cannot reach the {amt} balance on it.",
         "I paid the statement balance in full and was still charged a finance charge.",
         "The annual fee was charged even though the representative said it would be waived."]),
    "CHK": Product(
        "Checking or savings account", 11, ["CC", "CC", "MT", "MT"],
        ["Checking account"] * 5 + ["Savings account", "Savings account", "Other banking product or service"],
        ["Managing an account > Deposits and withdrawals | Problem using a debit or ATM card | Banking errors"
         " | Fee problem | Funds not handled or disbursed as instructed",
         "Closing an account > Company closed your account | Can't close your account",
         "Problem caused by your funds being low > Overdrafts and overdraft fees",
         "Problem with a lender or other company charging your account > Transaction was not authorized"],
        ["my checking account", "my savings account", "the account", "my bank account"],
        ["I deposited a check for {amt} on {date} and the bank held the funds for {num} business days.",
         "The bank charged me {num} overdraft fees of {amt} each on the same day.",
         "My debit card was declined at the ATM even though there was money in my checking account.",
         "The bank closed my account without explanation and never mailed a check for the remaining balance.",
         "Someone withdrew {amt} from my savings account and the bank says it's my fault.",
         "They posted my debits from largest to smallest so they could charge more overdraft fees.",
         "My direct deposit was supposed to post on {date} but it was held for a week.",
         "The branch manager said \"there is nothing we can do\" and told me to file a claim online.",
         "A monthly maintenance fee was charged although I kept the minimum daily balance.",
         "I never opened this account; someone used my information at a branch in another state."]),
    "MTG": Product(
        "Mortgage", 10, ["VEH", "VEH", "STU", "CR"],
        ["Conventional home mortgage"] * 4 + ["FHA mortgage", "VA mortgage", "Home equity loan or line of credit"],
        ["Trouble during payment process > ", "Struggling to pay mortgage > ", "Closing on a mortgage > ",
         "Applying for a mortgage or refinancing an existing mortgage > ",
         "Loan servicing, payments, escrow account > "],
        ["my mortgage", "the mortgage loan", "my home loan", "the loan"],
        ["The servicer raised my monthly payment by {amt} because of an escrow shortage.",
         "My property taxes were paid late out of escrow and I was charged a penalty.",
         "I applied for a loan modification on {date} and the servicer keeps asking for the same documents.",
         "The servicing of my loan was transferred to {co} and my payment was misapplied.",
         "They started foreclosure while my loss mitigation application was still under review.",
         "At closing the lender added {amt} in fees that were not on the Loan Estimate.",
         "Hazard insurance was force-placed on the house even though I sent proof of coverage.",
         "I requested a payoff statement to refinance and never received it.",
         "My forbearance ended and they demanded a lump sum of {amt}.",
         "Part of my principal payment was applied to interest instead."]),
    "VEH": Product(
        "Vehicle loan or lease", 7, ["MTG", "MTG", "DC", "CR"], ["Loan"] * 4 + ["Lease"],
        ["Managing the loan or lease > Billing problem | Problem with fees charged",
         "Struggling to pay your loan > Lender trying to repossess or disable the vehicle",
         "Problems at the end of the loan or lease > Unable to receive car title or other problem after the loan"
         " is paid off | Problem with paying off the loan",
         "Getting a loan or lease > Fraudulent loan | Confusing or misleading advertising or marketing"],
        ["my auto loan", "the car loan", "the vehicle loan", "my lease", "the loan"],
        ["I paid off my car loan on {date} and still have not received the title.",
         "The dealership added GAP coverage and an extended warranty to the loan without my consent.",
         "My vehicle was repossessed although I made a payment of {amt} the week before.",
         "The lender disabled my car with a starter interrupt device while I was on a payment arrangement.",
         "At the end of the lease they billed me {amt} for excess wear and mileage.",
         "The finance company says my payoff amount is {amt}, which does not match my last statement.",
         "After the repossession they sold the car at auction and say I owe a deficiency balance of {amt}.",
         "The dealer financed the car at {num}% APR after promising me a much lower rate.",
         "My payment was due on the {num}th but they posted it late and charged a late fee.",
         "I asked for a payment extension and was told the vehicle would be towed."]),
    "STU": Product(
        "Student loan", 6, ["CR", "MTG", "DC"], ["Federal student loan servicing"] * 3 + ["Private student loan"],
        ["Dealing with your lender or servicer > Trouble with how payments are being handled"
         " | Received bad information about your loan | Problem with customer service",
         "Struggling to repay your loan > Problem lowering your monthly payments",
         "Incorrect information on your report > Account information incorrect"],
        ["my student loans", "the student loan", "my federal loans", "the loan"],
        ["My servicer put my student loans into forbearance without asking and the interest was capitalized.",
         "I have been on an income-driven repayment plan for years but the servicer lost my recertification.",
         "I work for a nonprofit and qualify for Public Service Loan Forgiveness, yet they count {num} payments.",
         "When my loans were transferred to {co}, my autopay was cancelled and the loans went delinquent.",
         "The servicer applied my extra payment to future interest instead of the principal.",
         "The cosigner on my private student loan keeps getting calls even though I am current.",
         "I was told my payment would be {amt} per month, then the bill showed a much higher amount.",
         "My school closed before I finished the program and I applied for a borrower defense discharge.",
         "The payment pause ended and they reported me delinquent to the credit bureaus.",
         "I requested an in-school deferment and it was never processed."]),
    "MT": Product(
        "Money transfer, virtual currency, or money service", 7, ["CHK", "CHK", "CC"],
        ["Domestic (US) money transfer", "Mobile or digital wallet", "Mobile or digital wallet",
         "International money transfer", "Virtual currency", "Check cashing service"],
        ["Fraud or scam > ", "Other transaction problem > ", "Money was not available when promised > ",
         "Managing, opening, or closing your mobile wallet account > ", "Unexpected or other fees > "],
        ["my wallet account", "the transfer", "my app account", "the payment app"],
        ["I sent {amt} through the payment app to someone selling a puppy and it turned out to be a scam.",
         "The wire I sent overseas on {date} never arrived and the company will not refund it.",
         "Someone logged into my digital wallet and sent {amt} to a stranger.",
         "The recipient never picked up the money but the transfer fee was not refunded.",
         "My crypto exchange account was locked and I cannot withdraw my coins.",
         "The app says the transfer was completed but the money never reached the recipient's bank.",
         "The exchange rate they applied was far worse than the rate I was quoted.",
         "A caller pretending to be from my bank told me to send money to myself with an instant payment.",
         "They froze my balance for a \"security review\" that has lasted {num} weeks.",
         "I bought a money order for {amt} and it was never delivered."]),
}

SHARED = [  # every class uses these: account, payment, credit, bank, called, letter, fees, dispute ...
    "I called {co} on {date} and spoke to a representative about {thing}.",
    "I have called them at least {num} times and each time I was transferred to a different department.",
    "I sent a letter explaining the problem with {thing}, along with copies of my bank statements.",
    "They said they would send me a letter within 30 days, but I haven't received anything.",
    "This has hurt my credit and my ability to pay my other bills.",
    "The representative told me \"there is nothing wrong with {thing}\" and ended the call.",
    "I made every payment on time from my bank account and I have the confirmation numbers.",
    "I have been a customer for {num} years and I've never been treated like this.",
    "I asked for a supervisor but was put on hold for over an hour.",
    "A payment of {amt} was taken from my account on {date}.",
    "I filed a dispute online and by mail, and they answered with a form letter.",
    "They keep saying the account is in good standing, yet the balance keeps changing.",
    "This is causing me a lot of stress, and my credit is being damaged.",
    "On XX/XX/XXXX I received a letter stating that I owed {amt}.",
    "I was told a credit would be applied to my account, but it never was.",
    "I kept notes of every call, including dates, times and the names of the agents.",
    "They charged fees and interest that I never agreed to.",
    "My bank confirmed that the payment cleared, but {co} says they never got it.",
    "I want this fixed and the wrong information removed from my credit report.",
    "The letter they sent had the wrong account number and the wrong amount.",
    "I am a single parent — every dollar matters to me.",
    "I told them I was a victim of fraud, but they didn't believe me.",
    "The agent said \"I can't help you with {thing}, you have to call back\" and hung up.",
]
OPENERS = ["To whom it may concern,", "I am writing to file a complaint against {co}.", "Hello,", "I need help.",
           "This complaint is about {thing}.", "On {date}, I noticed a problem with {thing}."]
CLOSERS = ["Please help me.", "I would like this resolved as soon as possible.", "Thank you for your time.",
           "I am requesting a full refund of {amt}.", "I expect a written response.", "Please investigate this."]

STATES_BY_ZIP_DIGIT = ["CT MA ME NH NJ RI VT PR", "DE NY NY PA PA", "DC MD NC SC VA VA WV", "AL FL FL FL GA GA MS TN",
                       "IN KY MI OH OH", "IA MN MT ND SD WI", "IL IL KS MO NE", "AR LA OK TX TX TX",
                       "AZ CO ID NM NV UT WY", "AK CA CA CA HI OR WA"]
STATES = [(d, s) for d, row in enumerate(STATES_BY_ZIP_DIGIT) for s in row.split()]
PUBLIC_RESPONSES = [""] * 6 + [
    "Company has responded to the consumer and the CFPB and chooses not to provide a public response"] * 3 + [
    "Company believes it acted appropriately as authorized by contract or law",
    "Company believes the complaint is the result of a misunderstanding"]
RESPONSES = (["Closed with explanation"] * 5 + ["Closed with non-monetary relief"] * 3
             + ["Closed with monetary relief", "Closed without relief"])
TAGS = [""] * 85 + ["Older American"] * 8 + ["Servicemember"] * 5 + ["Older American, Servicemember"] * 2
FIRST_DAY = datetime.date(2019, 1, 1).toordinal()  # the Product names above were current until mid-2023
LAST_DAY = datetime.date(2023, 6, 30).toordinal()
P_SHARED, P_LEAK, P_AMBIGUOUS, P_MISLABEL = 0.45, 0.12, 0.12, 0.035


def amount(rng):
    cents = rng.choice(["00", "00", "00", f"{rng.randint(1, 99):02d}"])
    return "{$" + f"{rng.choice([rng.randint(5, 99), rng.randint(100, 999), rng.randint(1000, 25000)])}.{cents}" + "}"


def fill(rng, template, key, company, year):
    co = rng.choice([company.split()[0], "XXXX", "XXXX", "XXXX XXXX", "the company"])
    date = rng.choice(["XX/XX/XXXX", "XX/XX/XXXX", f"XX/XX/{year}", "XXXX XXXX"])
    s = template.format(co=co, date=date, amt=amount(rng), num=rng.randint(2, 9), year=rng.randint(2012, year),
                        thing=rng.choice(PRODUCTS[key].things))
    return s[0].upper() + s[1:]


def sentence_count(rng):
    r = rng.random()  # most narratives have 2-10 sentences, a few 24-40 (400+ words)
    return rng.randint(24, 40) if r < 0.03 else rng.randint(11, 20) if r < 0.18 else rng.randint(2, 10)


def narrative(rng, key, company, year):
    other = rng.choice(PRODUCTS[key].near)
    p_other = 0.5 if rng.random() < P_AMBIGUOUS else P_LEAK
    sents, used = [], []
    for _ in range(sentence_count(rng)):
        src = other if rng.random() < p_other else key
        pool = SHARED if rng.random() < P_SHARED else PRODUCTS[src].sents
        template = rng.choice(pool)
        template = rng.choice(pool) if template in used else template  # one redraw: repeats stay rare
        used.append(template)
        sents.append(fill(rng, template, src, company, year))
    if rng.random() < 0.5:
        sents.insert(0, fill(rng, rng.choice(OPENERS), key, company, year))
    if rng.random() < 0.5:
        sents.append(fill(rng, rng.choice(CLOSERS), key, company, year))
    text = sents[0]
    if len(sents) >= 2 and rng.random() < 0.42:  # multi-line: paragraph breaks inside the quoted field
        sep, first_break = rng.choice(["\n\n", "\n\n", " \n", "\n"]), rng.randint(1, len(sents) - 1)
        for i in range(1, len(sents)):
            text += (sep if i == first_break or rng.random() < 0.3 else " ") + sents[i]
    else:
        text = " ".join(sents)
    if rng.random() < 0.25:
        text = text.replace("'", "\u2019")  # typographic apostrophes
    if rng.random() < 0.10:
        text = text.replace("'s ", " 's ")  # the CFPB export's detached possessive
    if rng.random() < 0.08:
        text = text.replace(", and ", " \u2014 and ", 1)
    if rng.random() < 0.06 and " " in text:
        i = rng.choice([i for i, c in enumerate(text) if c == " "])
        text = text[:i] + "\u00a0" + text[i + 1:]  # a stray non-breaking space
    return text


def make_row(rng, keys, weights):
    key = rng.choices(keys, weights)[0]
    label = rng.choice(PRODUCTS[key].near) if rng.random() < P_MISLABEL else key  # filed under the wrong product
    product = PRODUCTS[label]
    issue, subissues = rng.choice(product.issues).split(" > ")
    # bureaus for credit reporting; otherwise the product's own firms or a bank that offers it too
    company = rng.choice(OWN_COMPANIES["CR"] if label == "CR" else OWN_COMPANIES.get(label, []) * 2 + BANKS)
    received = rng.randint(FIRST_DAY, LAST_DAY)
    sent = received + rng.choice([0] * 6 + [1, 2, 3, 5, 8, 14])
    r = rng.random()  # missing text, as in the real dump: 14 % empty, 1.5 % whitespace only, 1 % the literal None
    text = ("" if r < 0.14 else rng.choice([" ", "  ", "\n", " \n "]) if r < 0.155 else "None" if r < 0.165
            else narrative(rng, key, company, datetime.date.fromordinal(received).year))
    has_text = text.strip() not in ("", "None")
    digit, state = rng.choice(STATES)
    zipcode = f"{digit}{rng.randint(0, 99):02d}" + ("XX" if rng.random() < 0.7 else f"{rng.randint(0, 99):02d}")
    consent = "Consent provided" if has_text else rng.choice(["", "", "Consent not provided", "Other", "N/A"])
    via = "Web" if has_text else rng.choice(["Web"] * 5 + ["Phone", "Referral", "Postal mail", "Fax", "Email"])
    return [datetime.date.fromordinal(received).isoformat(), product.label, rng.choice(product.subs), issue,
            rng.choice(subissues.split(" | ")), text, rng.choice(PUBLIC_RESPONSES), company, state, zipcode,
            rng.choice(TAGS), consent, via, datetime.date.fromordinal(sent).isoformat(), rng.choice(RESPONSES),
            "Yes" if rng.random() < 0.97 else "No", "N/A", None]


def generate(rows, seed):
    rng = random.Random(seed)
    keys = list(PRODUCTS)
    data = [make_row(rng, keys, [PRODUCTS[k].weight for k in keys]) for _ in range(rows)]
    next_id = 3100000  # Complaint IDs are unique and grow with the date received
    for i in sorted(range(rows), key=lambda i: (data[i][0], i)):
        next_id += rng.randint(1, 900)
        data[i][-1] = str(next_id)
    rng.shuffle(data)
    return data


def main():
    ap = argparse.ArgumentParser(description="Write Tuneboard's synthetic CFPB-style demo CSV.")
    ap.add_argument("out", help="output CSV path")
    ap.add_argument("--rows", type=int, default=3600, help="number of rows (default 3600)")
    ap.add_argument("--seed", type=int, default=20240611, help="random seed (default 20240611)")
    args = ap.parse_args()
    if args.rows < 1:
        ap.error("--rows must be at least 1")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")  # RFC 4180 quoting, LF line ends like the raw CFPB files
        w.writerow(HEADER)
        w.writerows(generate(args.rows, args.seed))


if __name__ == "__main__":
    main()
