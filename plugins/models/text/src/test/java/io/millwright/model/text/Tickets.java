package io.millwright.model.text;

import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.DataBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Short support tickets as customers write them (typos included), for three departments. The
 * held-out ones use words and misspellings training never saw verbatim.
 */
final class Tickets {

  static final Column TEXT = new Column("text", ColumnKind.TEXT);
  static final Column CHANNEL = new Column("channel", ColumnKind.CATEGORY);
  static final Column TEAM = new Column("team", ColumnKind.CATEGORY);
  static final List<Column> COLUMNS = List.of(TEXT, CHANNEL, TEAM);

  static final List<String> BILLING =
      List.of(
          "I was charged twice for order 4411, please refund one of the payments",
          "Invoice INV-2093 shows the wrong VAT number for our company",
          "Can you send me a copy of last month's invoice?",
          "My credit card was declined but the money still left my account",
          "Requesting a refund for the cancelled subscription",
          "Why did my monthly bill go up from 29 to 39 euros?",
          "Please update the billing address on our account to Hauptstrasse 5",
          "The discount code SPRING10 was not applied at checkout, I paid full price",
          "We need the invoice addressed to the company, not to me personally",
          "Double charge on my visa for the same order",
          "payment failed but I got an email saying it went through",
          "how do I change the payment method from paypal to bank transfer",
          "The credit note for the returned items has not arrived yet",
          "I was overcharged, the total should have been 54.90",
          "refund still not recieved after 3 weeks",
          "Please cancel my subscription and stop charging my card",
          "Our accounts team needs invoices in PDF with the purchase order number",
          "The receipt shows tax twice",
          "I paid by bank transfer on monday, can you confirm the payment arrived",
          "wrong amount on the invoce, we agreed a price of 120 per unit",
          "Can I get a refund instead of store credit?",
          "my card got charged for a trial that should be free",
          "VAT exemption certificate attached, please reissue the invoice without VAT",
          "billing statement for march is missing",
          "The payment link in your email has expired",
          "you took the money twice, pls refund",
          "Need a quote and proforma invoice for 40 units before we can pay",
          "Annual plan renewal charged without notice, I want my money back",
          "chargeback: transaction 88231 was not authorised by me",
          "the price on the invoice does not match the price on the website");

  static final List<String> SHIPPING =
      List.of(
          "Where is my parcel? Tracking has not updated for five days",
          "The courier left the package at the wrong address",
          "My delivery is late, it was promised for Tuesday",
          "Can you change the delivery address for order 7781 to my office?",
          "The box arrived damaged and two glasses were broken",
          "tracking number does not work on the carrier website",
          "The pallet was delivered without the pallet label",
          "Do you ship to Norway and how long does delivery take?",
          "Package marked as delivered but I never got it",
          "Please arrange a pickup for the return shipment",
          "the driver did not ring the bell and left a card",
          "Order still not dispatched after a week",
          "we received 3 boxes instead of 4, one parcel is missing",
          "Can I collect the order from your warehouse instead of delivery?",
          "delivery slot for tomorrow morning please, we are closed in the afternoon",
          "my parcel is stuck in customs",
          "The shipment went to my old address",
          "express shipping was paid but it came by standard post",
          "couirer was rude and threw the package over the fence",
          "When will my order be shipped?",
          "the tracking says returned to sender, why?",
          "need a delivery note with the shipment for our goods receiving",
          "items missing from the package, only the charger was inside",
          "can the truck deliver to a loading dock, the pallet is heavy",
          "delivery was delayed again, this is the third time",
          "the parcel locker code did not work",
          "Please hold the shipment until next Monday, we are on holiday",
          "wrong item delivered, I ordered blue and got red",
          "Is it possible to split the delivery into two shipments?",
          "the package was left in the rain and the box is soaked",
          "parcel given to a neighbour without asking me");

  static final List<String> TECHNICAL =
      List.of(
          "I can't log in, it says my password is wrong",
          "The app crashes when I open the settings screen",
          "Password reset email never arrives",
          "Error 500 when I try to upload a file",
          "The website is very slow today, pages take a minute to load",
          "How do I enable two-factor authentication?",
          "My account is locked after too many login attempts",
          "The export to Excel button does nothing",
          "sync between the phone app and the web version is broken",
          "I get a blank white screen after the update",
          "The API returns 401 unauthorized with a valid token",
          "cannot connect the printer to the app",
          "notifications stopped working on android",
          "The search function gives no results even for exact names",
          "Getting an SSL certificate warning in chrome",
          "the app keeps freezing on the login screen",
          "how do I reset my password if I no longer have that email",
          "data disappeared from my dashboard after the last update",
          "The integration with our CRM stopped syncing contacts",
          "bug: date picker shows the wrong month",
          "Unable to install the desktop app on Windows 11",
          "the page shows 'something went wrong' when saving",
          "Can't change my username in the profile settings",
          "the loggin button is greyed out",
          "video calls drop after a few seconds",
          "the import of the CSV file fails with an error about encoding",
          "webhook is not firing when a new order comes in",
          "i forgot my pasword and the reset link is expired",
          "the mobile app logs me out every few minutes",
          "Error code E42 appears on startup");

  /** Held out: {text, team}. */
  static final List<String[]> HELD_OUT =
      List.of(
          new String[] {"I was chraged two times for the same order, need a refnd", "billing"},
          new String[] {"please resend the invoise for order 5521", "billing"},
          new String[] {"payment declined but money taken from my acount", "billing"},
          new String[] {"how can I get my money back for the cancelled plan", "billing"},
          new String[] {"the vat on my bill is wrong", "billing"},
          new String[] {"Can I pay by credit card instead of bank transfer?", "billing"},
          new String[] {"refund for returned jacket not received", "billing"},
          new String[] {"Overcharged on the last invoice by 15 euros", "billing"},
          new String[] {"please update our billing adress", "billing"},
          new String[] {"subscription renewed and charged without asking me", "billing"},
          new String[] {"my pacel has not arrived and the traking has not moved", "shipping"},
          new String[] {"The delivry is three days late", "shipping"},
          new String[] {"courier says delivered but nothing at my door", "shipping"},
          new String[] {"please send the order to a different address", "shipping"},
          new String[] {"box was crushed on arrival", "shipping"},
          new String[] {"when will the pallet be delivered to our warehouse", "shipping"},
          new String[] {"the shipment is stuck at the depot", "shipping"},
          new String[] {"Can you ship to Switzerland?", "shipping"},
          new String[] {"one of the two parcels never arrived", "shipping"},
          new String[] {"driver could not find our loading dock", "shipping"},
          new String[] {"cant login, password not accepted", "technical"},
          new String[] {"the app crashed again when I tapped the screen", "technical"},
          new String[] {"reset passwrod mail does not come", "technical"},
          new String[] {"getting error 404 on the settings page", "technical"},
          new String[] {"the website won't load in firefox", "technical"},
          new String[] {"two factor code is not accepted when I log in", "technical"},
          new String[] {"my account got locked, please unlock", "technical"},
          new String[] {"the app is frozen after the update", "technical"},
          new String[] {"CSV upload fails with an error", "technical"},
          new String[] {"sync with the calendar integration is broken", "technical"});

  private static final List<String> CHANNELS = List.of("email", "phone", "web");

  private Tickets() {}

  /**
   * The training tickets, interleaved by team, in batches of 20; the channel they came by says
   * nothing about the team (each team's tickets cycle through the channels).
   */
  static List<DataBatch> training() {
    List<Object[]> rows = new ArrayList<>();
    int most = Math.max(BILLING.size(), Math.max(SHIPPING.size(), TECHNICAL.size()));
    for (int i = 0; i < most; i++) {
      add(rows, BILLING, i, "billing");
      add(rows, SHIPPING, i, "shipping");
      add(rows, TECHNICAL, i, "technical");
    }
    return batches(rows, 20);
  }

  private static void add(List<Object[]> rows, List<String> texts, int i, String team) {
    if (i < texts.size()) {
      rows.add(new Object[] {texts.get(i), CHANNELS.get(i % CHANNELS.size()), team});
    }
  }

  static DataBatch heldOut() {
    List<Object[]> rows = new ArrayList<>();
    for (String[] t : HELD_OUT) {
      rows.add(new Object[] {t[0], CHANNELS.get(rows.size() % 7 % CHANNELS.size()), t[1]});
    }
    return batches(rows, rows.size()).get(0);
  }

  static List<DataBatch> batches(List<Object[]> rows, int size) {
    List<DataBatch> out = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += size) {
      DataBatch.Builder b = DataBatch.builder(COLUMNS);
      rows.subList(from, Math.min(rows.size(), from + size)).forEach(b::row);
      out.add(b.build());
    }
    return out;
  }
}
